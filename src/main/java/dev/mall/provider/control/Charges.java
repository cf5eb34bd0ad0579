package dev.mall.provider.control;

import dev.mall.platform.tracing.Tracing;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Charges and refunds in the provider's own database, each in one local transaction (the datasource is
 * non-transactional: this class commits itself). A charge and the webhook that announces it are written together, so
 * the customer is told "paid" only once the webhook is durably owed to the shop.
 */
@ApplicationScoped
public class Charges {

    public record Charge(long id, long paymentId, long orderId, BigDecimal amount, String outcome, String providerTxnId,
                         BigDecimal refunded) {
    }

    /** The charge of a checkout, and whether this submit created it (false: the same payment was submitted before). */
    public record Submitted(Charge charge, boolean created, long webhookId) {
    }

    public record Refund(String refundKey, BigDecimal amount, BigDecimal refunded, boolean created) {
    }

    public static class RefundRefused extends RuntimeException {
        private final int status;

        RefundRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    @Resource(lookup = "jdbc/provider")
    DataSource database;

    @Inject
    ProviderSettings settings;

    public Optional<Charge> find(long paymentId) {
        try (Connection c = database.getConnection()) {
            return find(c, paymentId, false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One charge per payment, whatever the number of submits: the first outcome stands. */
    public Submitted submit(CheckoutLink link, String outcome) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Charge> existing = find(c, link.paymentId(), true);
                if (existing.isPresent()) {
                    c.rollback();
                    return new Submitted(existing.get(), false, 0);
                }
                Instant now = Instant.now();
                String txn = "prov-" + UUID.randomUUID();
                long chargeId;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO charge (merchant_payment_id, order_id,"
                        + " amount, outcome, provider_txn_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    insert.setLong(1, link.paymentId());
                    insert.setLong(2, link.orderId());
                    insert.setBigDecimal(3, link.amount());
                    insert.setString(4, outcome);
                    insert.setString(5, txn);
                    insert.setTimestamp(6, Timestamp.from(now));
                    insert.executeUpdate();
                    chargeId = generatedKey(insert);
                }
                String body = Json.createObjectBuilder().add("paymentId", link.paymentId()).add("providerTxnId", txn)
                        .add("orderId", link.orderId()).add("amount", link.amount()).add("outcome", outcome).build()
                        .toString();
                long webhookId;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook (charge_id, body,"
                        + " next_attempt_at, traceparent) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    insert.setLong(1, chargeId);
                    insert.setString(2, body);
                    insert.setTimestamp(3, Timestamp.from(now));
                    // The checkout's trace, continued by the shop's callback (null unless MALL_TRACING=on).
                    insert.setString(4, Tracing.traceparentToPropagate().orElse(null));
                    insert.executeUpdate();
                    webhookId = generatedKey(insert);
                }
                c.commit();
                return new Submitted(new Charge(chargeId, link.paymentId(), link.orderId(), link.amount(), outcome,
                        txn, BigDecimal.ZERO), true, webhookId);
            } catch (SQLIntegrityConstraintViolationException e) {
                // A concurrent submit of the same payment inserted first: its charge stands.
                c.rollback();
                return new Submitted(find(c, link.paymentId(), false).orElseThrow(() -> new IllegalStateException(e)),
                        false, 0);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refunds {@code amount} of a succeeded charge once per {@code refundKey}: the same key again answers the refund
     * made the first time (and refuses a different amount). The charge row is locked, so concurrent refunds never
     * take back more than was charged.
     */
    public Refund refund(long paymentId, BigDecimal amount, String refundKey) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                Charge charge = find(c, paymentId, true)
                        .orElseThrow(() -> new RefundRefused(404, "no charge for payment " + paymentId));
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT amount, charge_id FROM refund WHERE refund_key = ?")) {
                    select.setString(1, refundKey);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            c.rollback();
                            if (row.getLong(2) != charge.id() || row.getBigDecimal(1).compareTo(amount) != 0) {
                                throw new RefundRefused(409, "refund key " + refundKey + " was used for another refund");
                            }
                            return new Refund(refundKey, row.getBigDecimal(1), charge.refunded(), false);
                        }
                    }
                }
                if (!"SUCCESS".equals(charge.outcome())) {
                    throw new RefundRefused(409, "payment " + paymentId + " was not charged");
                }
                BigDecimal refunded = charge.refunded().add(amount);
                if (amount.signum() <= 0 || refunded.compareTo(charge.amount()) > 0) {
                    throw new RefundRefused(409, "refund of " + amount + " exceeds what is left of the charge ("
                            + charge.amount().subtract(charge.refunded()) + ")");
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO refund (charge_id, refund_key, amount, created_at) VALUES (?, ?, ?, ?)")) {
                    insert.setLong(1, charge.id());
                    insert.setString(2, refundKey);
                    insert.setBigDecimal(3, amount);
                    insert.setTimestamp(4, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE charge SET refunded = ? WHERE id = ?")) {
                    update.setBigDecimal(1, refunded);
                    update.setLong(2, charge.id());
                    update.executeUpdate();
                }
                c.commit();
                return new Refund(refundKey, amount, refunded, true);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Charge> find(Connection c, long paymentId, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, merchant_payment_id, order_id, amount, outcome,"
                + " provider_txn_id, refunded FROM charge WHERE merchant_payment_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setLong(1, paymentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Charge(row.getLong(1), row.getLong(2), row.getLong(3), row.getBigDecimal(4),
                        row.getString(5), row.getString(6), row.getBigDecimal(7)));
            }
        }
    }

    private static long generatedKey(PreparedStatement insert) throws SQLException {
        try (ResultSet keys = insert.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }
}
