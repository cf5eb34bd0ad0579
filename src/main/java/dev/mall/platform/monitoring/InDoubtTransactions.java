package dev.mall.platform.monitoring;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Prepared XA branches MariaDB holds (XA RECOVER), read when /metrics is scraped: how many, and how long the oldest
 * has been seen. A branch lives between prepare and commit for milliseconds, so a scrape may catch a few under load;
 * one that stays for minutes is a transaction recovery has not finished (the broker or a peer away), holding its
 * rows' locks meanwhile. MariaDB tells no branch's age, so the age counts from the first scrape that saw it.
 *
 * <p>XA RECOVER lists the whole database server's branches, other servers' included (it cannot tell whose they are).
 * It runs on a non-transactional datasource: inside an XA branch MariaDB refuses it.
 */
@ApplicationScoped
public class InDoubtTransactions {

    private static final Logger LOG = Logger.getLogger(InDoubtTransactions.class.getName());

    @Resource(lookup = "jdbc/ordersMigration")
    DataSource database;

    Clock clock = Clock.systemUTC();

    /** Each branch (format id and XID bytes as MariaDB prints them) with the first time a read saw it. */
    private final Map<String, Instant> firstSeen = new HashMap<>();

    /** Liberty registers a bean's gauges when the bean is created: create it at start, not at first use. */
    void registerGauges(@Observes Startup startup) {
    }

    @Gauge(name = "mall.xa.in.doubt.branches", absolute = true, unit = MetricUnits.NONE,
            description = "Prepared XA branches on the database server (XA RECOVER); NaN if it could not be read")
    public synchronized double branches() {
        return read() ? firstSeen.size() : Double.NaN;
    }

    @Gauge(name = "mall.xa.in.doubt.oldest", absolute = true, unit = MetricUnits.SECONDS,
            description = "How long the oldest prepared XA branch has been seen (0 if none); NaN if it could not be read")
    public synchronized double oldestSeconds() {
        if (!read()) {
            return Double.NaN;
        }
        Instant now = clock.instant();
        return firstSeen.values().stream().min(Instant::compareTo)
                .map(first -> Duration.between(first, now).toMillis() / 1000.0).orElse(0.0);
    }

    private boolean read() {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("XA RECOVER")) {
            Map<String, Instant> seen = new HashMap<>();
            Instant now = clock.instant();
            while (rows.next()) {
                String xid = rows.getLong("formatID") + ":" + rows.getString("data");
                seen.put(xid, firstSeen.getOrDefault(xid, now));
            }
            firstSeen.clear();
            firstSeen.putAll(seen);
            return true;
        } catch (SQLException e) {
            LOG.log(Level.FINE, "XA RECOVER failed", e);
            return false;
        }
    }
}
