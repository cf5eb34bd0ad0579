package it.dev.mall.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the mock payment provider recorded in its own database, read directly for the checks of the payment ITs. */
public final class ProviderRecords {

    public record Charge(String outcome, BigDecimal amount, BigDecimal refunded, String providerTxnId) {
    }

    public record Webhook(int attempts, boolean delivered, String lastError) {
    }

    private ProviderRecords() {
    }

    /** The charges the provider made for a shop payment (0 or 1: one charge per payment). */
    public static int charges(long paymentId) throws SQLException {
        return count("SELECT COUNT(*) FROM charge WHERE merchant_payment_id = ?", paymentId);
    }

    public static Charge charge(long paymentId) throws SQLException {
        try (Connection c = Databases.connect(Databases.PROVIDER);
             PreparedStatement s = c.prepareStatement("SELECT outcome, amount, refunded, provider_txn_id FROM charge"
                     + " WHERE merchant_payment_id = ?")) {
            s.setLong(1, paymentId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? new Charge(row.getString(1), row.getBigDecimal(2), row.getBigDecimal(3),
                        row.getString(4)) : null;
            }
        }
    }

    public static int webhooks(long paymentId) throws SQLException {
        return count("SELECT COUNT(*) FROM webhook w JOIN charge c ON c.id = w.charge_id"
                + " WHERE c.merchant_payment_id = ?", paymentId);
    }

    public static Webhook webhook(long paymentId) throws SQLException {
        try (Connection c = Databases.connect(Databases.PROVIDER);
             PreparedStatement s = c.prepareStatement("SELECT w.attempts, w.delivered_at IS NOT NULL, w.last_error"
                     + " FROM webhook w JOIN charge c ON c.id = w.charge_id WHERE c.merchant_payment_id = ?")) {
            s.setLong(1, paymentId);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? new Webhook(row.getInt(1), row.getBoolean(2), row.getString(3)) : null;
            }
        }
    }

    public static int refunds(long paymentId) throws SQLException {
        return count("SELECT COUNT(*) FROM refund r JOIN charge c ON c.id = r.charge_id"
                + " WHERE c.merchant_payment_id = ?", paymentId);
    }

    private static int count(String sql, long paymentId) throws SQLException {
        try (Connection c = Databases.connect(Databases.PROVIDER); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, paymentId);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
