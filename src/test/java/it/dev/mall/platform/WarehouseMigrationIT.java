package it.dev.mall.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.mall.inventory.control.StockAudit;
import dev.mall.platform.persistence.Migrations;
import it.dev.mall.support.ScratchDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The migration that introduced warehouses (db/inventory V8) on data written by the schema before it: random stock
 * (one row, buckets, a flash sale's pool) and reservations in every status, written at V7; then migrated as a server
 * does at start-up. Every row must keep its figures and land in the default warehouse, and the shop's own audit
 * statements ({@link StockAudit#skuSql}, {@link StockAudit#warehouseSql}) must find no drift. Plain JDBC against the
 * test MariaDB, a database of its own, no server.
 */
class WarehouseMigrationIT {

    private final ScratchDatabases databases = new ScratchDatabases();

    @Test
    void singleWarehouseDataMovesIntoTheDefaultWarehouseWithoutDrift() throws Exception {
        String database = databases.create("mall_it_warehouses");
        MysqlDataSource dataSource = ScratchDatabases.dataSource(database);
        Flyway.configure(getClass().getClassLoader()).dataSource(dataSource).locations("classpath:db/inventory")
                .callbackLocations("classpath:db/inventory").target("7").load().migrate();

        ThreadLocalRandom random = ThreadLocalRandom.current();
        int skus = 3 + random.nextInt(4);
        try (Connection connection = dataSource.getConnection()) {
            long category = insert(connection, "INSERT INTO category (name) VALUES ('migrated')");
            long product = insert(connection, "INSERT INTO product (category_id, name) VALUES (" + category + ", 'p')");
            long order = 1_000 + random.nextInt(1_000);
            for (int i = 0; i < skus; i++) {
                long sku = insert(connection, "INSERT INTO sku (product_id, name, price) VALUES (" + product
                        + ", 's" + i + "', 9.99)");
                int buckets = i == 0 ? 1 : 1 + random.nextInt(4);
                for (int bucket = 0; bucket < buckets; bucket++) {
                    order = stockRowWithReservations(connection, sku, 0, bucket, order, random);
                }
                if (i == skus - 1) {
                    order = stockRowWithReservations(connection, sku, 900 + random.nextInt(100), 0, order, random);
                }
            }
        }
        List<List<Object>> stockBefore = rows(dataSource,
                "SELECT sku_id, pool, bucket, on_hand, reserved, version FROM stock ORDER BY sku_id, pool, bucket");
        List<List<Object>> reservationsBefore = rows(dataSource, "SELECT id, order_id, sku_id, pool, bucket, quantity,"
                + " status FROM reservation ORDER BY id");
        assertThat(reservationsBefore).as("reservations written at V7").hasSizeGreaterThan(skus);

        assertThat(Migrations.apply(dataSource, "inventory", getClass().getClassLoader()).success).isTrue();

        assertThat(rows(dataSource, "SELECT id, code, priority FROM warehouse"))
                .containsExactly(List.of(1L, "DEFAULT", 0L));
        assertThat(rows(dataSource, "SELECT sku_id, pool, bucket, on_hand, reserved, version FROM stock"
                + " WHERE warehouse_id = 1 ORDER BY sku_id, pool, bucket")).as("every stock row, unchanged, in warehouse 1")
                .isEqualTo(stockBefore);
        assertThat(rows(dataSource, "SELECT id, order_id, sku_id, pool, bucket, quantity, status FROM reservation"
                + " WHERE warehouse_id = 1 AND returned = 0 ORDER BY id"))
                .as("every reservation, unchanged, naming its row in warehouse 1").isEqualTo(reservationsBefore);

        List<List<Object>> skuAudit = rows(dataSource, StockAudit.skuSql(false));
        assertThat(skuAudit).hasSize(skus);
        for (List<Object> line : skuAudit) {
            long reserved = ((Number) line.get(2)).longValue();
            assertThat(reserved).as("SKU %s: reserved = RESERVED reservations", line.get(0))
                    .isEqualTo(((Number) line.get(4)).longValue());
            assertThat(((Number) line.get(5)).longValue()).as("SKU %s: rows out of step", line.get(0)).isZero();
        }
        List<List<Object>> warehouseAudit = rows(dataSource, StockAudit.warehouseSql(false));
        assertThat(warehouseAudit).hasSize(skus);
        for (List<Object> line : warehouseAudit) {
            assertThat(((Number) line.get(1)).longValue()).isEqualTo(1);
            assertThat(((Number) line.get(3)).longValue()).as("SKU %s in warehouse 1: reserved = allocations",
                    line.get(0)).isEqualTo(((Number) line.get(4)).longValue());
        }

        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("INSERT INTO stock (sku_id, pool, bucket, on_hand) VALUES ("
                    + skuAudit.get(0).get(0) + ", 0, 60, 1)")).as("a row without its warehouse")
                    .isInstanceOf(SQLException.class);
        }
    }

    /**
     * One stock row and reservations naming it in each status; reserved = the RESERVED ones (the shop's invariant
     * before warehouses). Returns the next free order id.
     */
    private static long stockRowWithReservations(Connection connection, long sku, long pool, int bucket, long order,
                                                 ThreadLocalRandom random) throws SQLException {
        Map<String, Integer> reservations = new LinkedHashMap<>();
        reservations.put("RESERVED", 1 + random.nextInt(5));
        reservations.put("CONFIRMED", 1 + random.nextInt(5));
        reservations.put("RELEASED", 1 + random.nextInt(5));
        int reserved = reservations.get("RESERVED");
        int onHand = reserved + random.nextInt(20);
        try (PreparedStatement stock = connection.prepareStatement(
                "INSERT INTO stock (sku_id, pool, bucket, on_hand, reserved, version) VALUES (?, ?, ?, ?, ?, ?)")) {
            stock.setLong(1, sku);
            stock.setLong(2, pool);
            stock.setInt(3, bucket);
            stock.setInt(4, onHand);
            stock.setInt(5, reserved);
            stock.setLong(6, random.nextInt(100));
            stock.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reservation (order_id, sku_id, pool,"
                + " bucket, quantity, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, NOW(3), NOW(3))")) {
            for (Map.Entry<String, Integer> reservation : reservations.entrySet()) {
                insert.setLong(1, order++);
                insert.setLong(2, sku);
                insert.setLong(3, pool);
                insert.setInt(4, bucket);
                insert.setInt(5, reservation.getValue());
                insert.setString(6, reservation.getKey());
                insert.executeUpdate();
            }
        }
        return order;
    }

    private static long insert(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static List<List<Object>> rows(MysqlDataSource dataSource, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value instanceof Number number && !(value instanceof java.math.BigDecimal)
                            ? (Object) number.longValue() : value instanceof java.math.BigDecimal big
                            ? (Object) big.longValueExact() : value);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.close();
    }
}
