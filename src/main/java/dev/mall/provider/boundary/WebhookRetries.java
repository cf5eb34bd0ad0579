package dev.mall.provider.boundary;

import dev.mall.provider.control.WebhookDelivery;
import dev.mall.provider.boundary.ProviderSchema;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every second, hands the webhooks that are due (a failed attempt's backoff has passed, or a lease ran out because
 * the process died mid-delivery, or the server died before the first attempt) to {@link WebhookDelivery}. This is
 * what makes an acknowledged charge reach the shop after a kill -9: the webhook row outlives the process.
 */
@Startup
@Singleton
@DependsOn("ProviderSchema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookRetries {

    private static final Logger LOG = Logger.getLogger(WebhookRetries.class.getName());
    private static final int BATCH = 50;

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/provider")
    DataSource database;

    @Inject
    WebhookDelivery delivery;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1000, 1000, new TimerConfig("provider-webhook-retries", false));
    }

    /** Never throws: a failed timeout would suspend the timer for minutes. Overlapping ticks are skipped. */
    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (long id : due()) {
                delivery.deliverSoon(id);
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warning(() -> "Webhook retries skipped this time: " + e);
        } finally {
            running.set(false);
        }
    }

    private List<Long> due() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id FROM webhook WHERE delivered_at IS NULL"
                     + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + BATCH)) {
            select.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }
}
