package it.dev.mall.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Databases;
import it.dev.mall.support.Shop;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every money-path IT trusts the stock audit's "ok"; here it is shown to say "not ok" when the rows are wrong. Drift
 * is made on purpose with plain JDBC behind the server's back, on a SKU of the test's own, and undone afterwards so
 * that no later audit of all SKUs trips over it.
 */
class StockAuditIT {

    private final Shop shop = new Shop();

    @Test
    void reservedUnitsThatNoReservationHoldsAreDrift() throws Exception {
        long sku = shop.newSku(5);
        Accounts.Account customer = Accounts.customer();
        Shop.place(customer, Shop.newKey(), sku, 2).then().statusCode(201);
        assertThat(shop.awaitCleanAudit(sku).getBoolean("ok")).isTrue();

        update(Databases.INVENTORY, "UPDATE stock SET reserved = reserved + 1 WHERE sku_id = ?", sku);
        try {
            JsonPath audit = shop.audit(sku);
            assertThat(audit.getBoolean("ok")).as("audit of a SKU with drift").isFalse();
            assertThat(Shop.skuLine(audit, sku)).containsEntry("reserved", 3).containsEntry("reservedFromReservations", 2)
                    .containsEntry("drift", 1).containsEntry("rowsOutOfStep", 1);
        } finally {
            update(Databases.INVENTORY, "UPDATE stock SET reserved = reserved - 1 WHERE sku_id = ?", sku);
        }
        assertThat(shop.audit(sku).getBoolean("ok")).as("audit once the drift is undone").isTrue();
    }

    /**
     * Per-row bookkeeping, which the SKU's totals cannot show: a hot SKU split into two buckets, one holding an order's
     * unit; moving that unit to the other bucket keeps every total right and must still be reported. (More reserved
     * than on hand cannot be made: the database's own CHECK ck_stock_bounds refuses it.)
     */
    @Test
    void unitsHeldInAnotherBucketThanTheReservationSaysAreRowsOutOfStep() throws Exception {
        long sku = shop.newSku(4);
        Shop.as(shop.admin()).body(Map.of("count", 2)).put("/api/admin/skus/" + sku + "/buckets").then().statusCode(200);
        Shop.place(Accounts.customer(), Shop.newKey(), sku, 1).then().statusCode(201);
        shop.awaitCleanAudit(sku);

        String swap = "UPDATE stock SET reserved = 1 - reserved WHERE sku_id = ?";
        update(Databases.INVENTORY, swap, sku);
        try {
            JsonPath audit = shop.audit(sku);
            assertThat(audit.getBoolean("ok")).as("audit of a unit held in the wrong bucket").isFalse();
            assertThat(Shop.skuLine(audit, sku)).containsEntry("reserved", 1).containsEntry("drift", 0)
                    .containsEntry("rowsOutOfStep", 2);
        } finally {
            update(Databases.INVENTORY, swap, sku);
        }
        assertThat(shop.audit(sku).getBoolean("ok")).isTrue();
    }

    /** The other half of the audit: an order and its reservations must agree across the two databases. */
    @Test
    void anOrderWhoseReservationDisagreesIsListed() throws Exception {
        long sku = shop.newSku(3);
        long orderId = Shop.place(Accounts.customer(), Shop.newKey(), sku, 1).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        shop.awaitCleanAudit(sku);

        update(Databases.INVENTORY, "UPDATE reservation SET status = 'RELEASED' WHERE order_id = ?", orderId);
        try {
            JsonPath audit = shop.audit(sku);
            assertThat(audit.getBoolean("ok")).as("audit of an order PENDING_PAYMENT with a released reservation")
                    .isFalse();
            List<Map<String, Object>> mismatches = audit.getList("orderMismatches");
            assertThat(mismatches).singleElement().satisfies(mismatch -> assertThat(mismatch)
                    .containsEntry("orderStatus", "PENDING_PAYMENT").containsEntry("reservationStatus", "RELEASED"));
            assertThat(((Number) mismatches.get(0).get("orderId")).longValue()).isEqualTo(orderId);
        } finally {
            update(Databases.INVENTORY, "UPDATE reservation SET status = 'RESERVED' WHERE order_id = ?", orderId);
        }
        assertThat(shop.audit(sku).getBoolean("ok")).isTrue();
    }

    private static void update(String database, String sql, long id) throws SQLException {
        try (Connection connection = Databases.connect(database);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        }
    }
}
