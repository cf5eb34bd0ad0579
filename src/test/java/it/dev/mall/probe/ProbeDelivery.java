package it.dev.mall.probe;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One message received by {@link ProbeListener}, recorded in both databases in the listener's transaction. */
@Entity
@Table(name = "probe_delivery")
public class ProbeDelivery {

    @Id
    private String id;

    private long sentAt;

    private long receivedAt;

    protected ProbeDelivery() {
    }

    public ProbeDelivery(String id, long sentAt, long receivedAt) {
        this.id = id;
        this.sentAt = sentAt;
        this.receivedAt = receivedAt;
    }
}
