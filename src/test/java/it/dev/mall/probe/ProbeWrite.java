package it.dev.mall.probe;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row written by a probe transaction; the same id goes into both databases. */
@Entity
@Table(name = "probe_write")
public class ProbeWrite {

    @Id
    private String id;

    private long createdAt;

    protected ProbeWrite() {
    }

    public ProbeWrite(String id, long createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }
}
