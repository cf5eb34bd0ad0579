package it.dev.mall.support;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Empty databases of a test's own on the test MariaDB, made and granted as bin/mall makes the shop's (root, then the
 * application user), for tests that migrate schemas without a server. {@link #close} drops what it made. One instance
 * per test: no shared state.
 */
public final class ScratchDatabases implements AutoCloseable {

    private final List<String> created = new ArrayList<>();

    /** A new empty database named {@code prefix} and a random suffix. */
    public String create(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection root = root(); Statement sql = root.createStatement()) {
            sql.execute("CREATE DATABASE `" + name + "`");
            created.add(name);
            for (String host : List.of("127.0.0.1", "localhost")) {
                sql.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + env("MALL_DB_USER", "mall") + "'@'"
                        + host + "'");
            }
        }
        return name;
    }

    /** The database as the application user reaches it. */
    public static MysqlDataSource dataSource(String database) {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setServerName(env("MALL_DB_HOST", "127.0.0.1"));
        dataSource.setPortNumber(Integer.parseInt(env("MALL_DB_PORT", "3306")));
        dataSource.setDatabaseName(database);
        dataSource.setUser(env("MALL_DB_USER", "mall"));
        dataSource.setPassword(env("MALL_DB_PASSWORD", ""));
        try {
            dataSource.setAllowPublicKeyRetrieval(true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        try (Connection root = root(); Statement sql = root.createStatement()) {
            for (String database : created) {
                sql.execute("DROP DATABASE IF EXISTS `" + database + "`");
            }
        }
        created.clear();
    }

    private static Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + env("MALL_DB_HOST", "127.0.0.1") + ":"
                        + env("MALL_DB_PORT", "3306") + "/?allowPublicKeyRetrieval=true",
                env("MALL_DB_ROOT_USER", "root"), env("MALL_DB_ROOT_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
