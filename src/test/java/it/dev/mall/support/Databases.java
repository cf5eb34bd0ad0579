package it.dev.mall.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Direct JDBC to the two databases, as an observer independent of the server under test. Credentials are those
 * bin/mall exported (MALL_DB_*).
 */
public final class Databases {

    /** The test server's databases (bin/mall test: mall_it_orders, mall_it_inventory). */
    public static final String ORDERS = env("MALL_DB_ORDERS", "mall_orders");
    public static final String INVENTORY = env("MALL_DB_INVENTORY", "mall_inventory");
    /** The mock payment provider's own database (its charges, webhooks and refunds). */
    public static final String PROVIDER = env("MALL_DB_PROVIDER", "mall_provider");

    private Databases() {
    }

    public static Connection connect(String database) throws SQLException {
        String url = "jdbc:mysql://" + env("MALL_DB_HOST", "127.0.0.1") + ":" + env("MALL_DB_PORT", "3306") + "/"
                + database + "?connectionTimeZone=UTC&allowPublicKeyRetrieval=true";
        return DriverManager.getConnection(url, env("MALL_DB_USER", "mall"), env("MALL_DB_PASSWORD", ""));
    }

    /** Transactions MariaDB holds prepared and not yet committed or rolled back (server-wide). */
    public static List<String> xaRecover() throws SQLException {
        List<String> xids = new ArrayList<>();
        try (Connection connection = connect(ORDERS); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("XA RECOVER")) {
            while (rows.next()) {
                xids.add(rows.getString("data"));
            }
        }
        return xids;
    }

    /** The ids in {@code table} of {@code database} that start with {@code prefix}. */
    public static Set<String> ids(String database, String table, String prefix) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connect(database);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT id FROM " + table + " WHERE id LIKE ?")) {
            statement.setString(1, prefix + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
