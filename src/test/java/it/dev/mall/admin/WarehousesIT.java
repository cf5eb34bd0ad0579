package it.dev.mall.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Shop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Warehouses (docs/MONEY-PATH.md "Warehouses"): a reservation takes a line's units from the SKU's warehouses in
 * priority order and splits it when the first has too few; the order shows the allocations; release, confirmation and
 * a restocking return follow them; transfers move free units only, in one transaction; bad input is refused with
 * nothing changed; the last units, split across two warehouses, go to exactly as many buyers as they serve. Each test
 * makes its own SKU (opened with 0 units in the default warehouse) and warehouses with random codes; the audit of the
 * SKU, warehouses included, is clean after each.
 */
class WarehousesIT {

    private final Shop shop = new Shop();

    private long warehouse(int priority) {
        String code = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = Shop.as(shop.admin()).body(Map.of("code", code, "name", "it " + code, "priority", priority))
                .post("/api/admin/warehouses");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.jsonPath().getString("code")).isEqualTo(code.toUpperCase());
        assertThat(created.jsonPath().getInt("priority")).isEqualTo(priority);
        return created.jsonPath().getLong("id");
    }

    private void count(long sku, long warehouse, int onHand) {
        Response counted = Shop.as(shop.admin()).body(Map.of("onHand", onHand))
                .put("/api/admin/skus/" + sku + "/stock/" + warehouse);
        assertThat(counted.statusCode()).as(counted.asString()).isEqualTo(200);
        assertThat(counted.jsonPath().getInt("onHand")).isEqualTo(onHand);
    }

    /** warehouse id → [onHand, reserved] of the SKU's stock. */
    private Map<Long, List<Integer>> stock(long sku) {
        JsonPath levels = Shop.as(shop.admin()).get("/api/admin/skus/" + sku + "/stock").then().statusCode(200)
                .extract().jsonPath();
        Map<Long, List<Integer>> result = new HashMap<>();
        List<Map<String, Object>> list = levels.getList("$");
        for (Map<String, Object> level : list) {
            result.put(((Number) level.get("warehouseId")).longValue(),
                    List.of((Integer) level.get("onHand"), (Integer) level.get("reserved")));
        }
        return result;
    }

    private static List<List<Long>> allocations(JsonPath order, long sku) {
        List<Map<String, Object>> parts = order.getList("lines.find { it.skuId == " + sku + " }.allocations");
        return parts.stream().map(p -> List.of(((Number) p.get("warehouseId")).longValue(),
                ((Number) p.get("quantity")).longValue())).toList();
    }

    /** The audit of the SKU is clean, and its per-warehouse lines agree with the allocations of unpaid orders. */
    private JsonPath clean(long sku) {
        JsonPath audit = shop.awaitCleanAudit(sku);
        List<Map<String, Object>> lines = audit.getList("warehouses.findAll { it.skuId == " + sku + " }");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).containsEntry("drift", 0));
        int onHand = lines.stream().mapToInt(line -> (Integer) line.get("onHand")).sum();
        assertThat(onHand).as("warehouses sum to the SKU's total").isEqualTo(Shop.skuLine(audit, sku).get("onHand"));
        return audit;
    }

    private long place(Accounts.Account customer, long sku, int quantity) {
        Response placed = Shop.place(customer, Shop.newKey(), sku, quantity);
        assertThat(placed.statusCode()).as(placed.asString()).isEqualTo(201);
        return placed.jsonPath().getLong("id");
    }

    @Test
    void aLineIsSplitAcrossWarehousesInPriorityOrderAndReleaseGivesEachItsUnitsBack() {
        long sku = shop.newSku(0);
        long later = warehouse(500);
        long first = warehouse(400);
        count(sku, later, 3);
        count(sku, first, 2);
        Accounts.Account customer = Accounts.customer();

        long orderId = place(customer, sku, 4);
        assertThat(allocations(Shop.order(customer, orderId), sku)).as("the first warehouse's 2, the rest from the next")
                .containsExactly(List.of(first, 2L), List.of(later, 2L));
        assertThat(stock(sku)).containsEntry(first, List.of(2, 2)).containsEntry(later, List.of(3, 2))
                .containsEntry(1L, List.of(0, 0));
        clean(sku);

        Shop.as(customer).post("/api/orders/" + orderId + "/cancel").then().statusCode(200);
        assertThat(stock(sku)).containsEntry(first, List.of(2, 0)).containsEntry(later, List.of(3, 0));
        clean(sku);

        long single = place(customer, sku, 1);
        assertThat(allocations(Shop.order(customer, single), sku)).as("one unit: the first warehouse alone")
                .containsExactly(List.of(first, 1L));
        Response tooMany = Shop.place(customer, Shop.newKey(), sku, 5);
        assertThat(tooMany.statusCode()).as("4 left in all").isEqualTo(409);
        assertThat(tooMany.jsonPath().getString("type")).endsWith("insufficient-stock");
        assertThat(stock(sku)).as("nothing held by the refused order")
                .containsEntry(first, List.of(2, 1)).containsEntry(later, List.of(3, 0));
        clean(sku);
    }

    @Test
    void paymentTakesTheAllocatedUnitsAndARestockingReturnPutsThemBackWhereTheyCameFrom() {
        long sku = shop.newSku(1);
        long second = warehouse(300);
        count(sku, second, 5);
        Accounts.Account customer = Accounts.customer();

        long orderId = place(customer, sku, 3);
        assertThat(allocations(Shop.order(customer, orderId), sku)).containsExactly(List.of(1L, 1L),
                List.of(second, 2L));
        Shop.pay(customer, orderId, "SUCCESS");
        Shop.awaitStatus(customer, orderId, Duration.ofSeconds(30), "PAID");
        assertThat(stock(sku)).as("sold units leave the warehouses they were held in")
                .containsEntry(1L, List.of(0, 0)).containsEntry(second, List.of(3, 0));
        assertThat(Shop.skuLine(clean(sku), sku)).containsEntry("sold", 3);

        Shop.ship(shop.admin(), orderId, "DHL", Shop.newTrackingNumber()).then().statusCode(200);
        long returnId = Shop.as(customer).body(Map.of("lines", List.of(Map.of("skuId", sku, "quantity", 2)),
                        "reason", "too many")).post("/api/orders/" + orderId + "/returns").then().statusCode(201)
                .extract().jsonPath().getLong("returnId");
        Shop.as(shop.admin()).body(Map.of("restock", true)).post("/api/admin/returns/" + returnId + "/approve")
                .then().statusCode(200);
        assertThat(stock(sku)).as("2 back: the default warehouse's 1, then 1 of the second's")
                .containsEntry(1L, List.of(1, 0)).containsEntry(second, List.of(4, 0));
        clean(sku);
    }

    @Test
    void transfersMoveFreeUnitsOnlyAndBadInputChangesNothing() {
        long sku = shop.newSku(4);
        long other = warehouse(200);
        Accounts.Account customer = Accounts.customer();
        long held = place(customer, sku, 3);
        Map<Long, List<Integer>> before = stock(sku);
        assertThat(before).containsEntry(1L, List.of(4, 3));

        List<Map<String, Object>> bad = List.of(
                Map.of("skuId", sku, "fromWarehouseId", 1, "toWarehouseId", 1, "quantity", 1),
                Map.of("skuId", sku, "fromWarehouseId", 1, "toWarehouseId", other, "quantity", 0),
                Map.of("skuId", sku, "fromWarehouseId", 1, "toWarehouseId", other),
                Map.of("fromWarehouseId", 1, "toWarehouseId", other, "quantity", 1));
        for (Map<String, Object> body : bad) {
            Response refused = Shop.as(shop.admin()).body(body).post("/api/admin/stock-transfers");
            assertThat(refused.statusCode()).as(body + " " + refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Response unknownWarehouse = Shop.as(shop.admin()).body(Map.of("skuId", sku, "fromWarehouseId", 1,
                "toWarehouseId", Long.MAX_VALUE - 7, "quantity", 1)).post("/api/admin/stock-transfers");
        assertThat(unknownWarehouse.statusCode()).isEqualTo(404);
        Response unknownSku = Shop.as(shop.admin()).body(Map.of("skuId", Long.MAX_VALUE - 7, "fromWarehouseId", 1,
                "toWarehouseId", other, "quantity", 1)).post("/api/admin/stock-transfers");
        assertThat(unknownSku.statusCode()).isEqualTo(404);
        Response reservedUnits = Shop.as(shop.admin()).body(Map.of("skuId", sku, "fromWarehouseId", 1,
                "toWarehouseId", other, "quantity", 2)).post("/api/admin/stock-transfers");
        assertThat(reservedUnits.statusCode()).as("3 of the 4 are reserved").isEqualTo(409);
        assertThat(reservedUnits.contentType()).startsWith("application/problem+json");
        assertThat(stock(sku)).as("nothing changed by the refusals").isEqualTo(before);

        Response moved = Shop.as(shop.admin()).body(Map.of("skuId", sku, "fromWarehouseId", 1,
                "toWarehouseId", other, "quantity", 1)).post("/api/admin/stock-transfers");
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(201);
        assertThat(moved.jsonPath().getInt("quantity")).isEqualTo(1);
        assertThat(stock(sku)).containsEntry(1L, List.of(3, 3)).containsEntry(other, List.of(1, 0));
        clean(sku);

        Response below = Shop.as(shop.admin()).body(Map.of("onHand", 2)).put("/api/admin/skus/" + sku + "/stock/1");
        assertThat(below.statusCode()).as("below the 3 reserved in the default warehouse").isEqualTo(409);
        Response nowhere = Shop.as(shop.admin()).body(Map.of("onHand", 2))
                .put("/api/admin/skus/" + sku + "/stock/" + (Long.MAX_VALUE - 7));
        assertThat(nowhere.statusCode()).isEqualTo(404);
        Response negative = Shop.as(shop.admin()).body(Map.of("onHand", -1))
                .put("/api/admin/skus/" + sku + "/stock/" + other);
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(stock(sku)).containsEntry(1L, List.of(3, 3)).containsEntry(other, List.of(1, 0));

        Shop.as(customer).post("/api/orders/" + held + "/cancel").then().statusCode(200);
        clean(sku);
    }

    @Test
    void warehousesAreListedInPriorityOrderAndBadOnesRefused() {
        long low = warehouse(900_001);
        long high = warehouse(900_000);
        List<Long> ids = Shop.as(shop.admin()).get("/api/admin/warehouses").then().statusCode(200).extract()
                .jsonPath().getList("id", Long.class);
        assertThat(ids).first().isEqualTo(1L);
        assertThat(ids.indexOf(high)).isLessThan(ids.indexOf(low));

        String code = "IT-" + UUID.randomUUID().toString().substring(0, 8);
        Shop.as(shop.admin()).body(Map.of("code", code, "name", "x", "priority", 1)).post("/api/admin/warehouses")
                .then().statusCode(201);
        Response taken = Shop.as(shop.admin()).body(Map.of("code", code.toLowerCase(), "name", "y", "priority", 2))
                .post("/api/admin/warehouses");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.jsonPath().getString("type")).endsWith("warehouse-code-taken");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("name", "x", "priority", 1),
                Map.of("code", "OK-1", "name", "x", "priority", -1), Map.of("code", "no spaces", "name", "x",
                        "priority", 1), Map.of("code", "OK-2", "name", " ", "priority", 1))) {
            Response refused = Shop.as(shop.admin()).body(body).post("/api/admin/warehouses");
            assertThat(refused.statusCode()).as(body.toString()).isEqualTo(400);
        }
        Response customer = Shop.as(Accounts.customer()).get("/api/admin/warehouses");
        assertThat(customer.statusCode()).isEqualTo(403);
    }

    @Test
    void aNewPriorityDecidesWhereTheNextOrderTakesItsUnitsAndBadChangesAreRefused() {
        long sku = shop.newSku(0);
        int priority = 600_000 + ThreadLocalRandom.current().nextInt(1000);
        long first = warehouse(priority);
        long second = warehouse(priority + 1);
        count(sku, first, 2);
        count(sku, second, 2);
        Accounts.Account customer = Accounts.customer();
        long before = place(customer, sku, 1);
        assertThat(allocations(Shop.order(customer, before), sku)).containsExactly(List.of(first, 1L));

        Response changed = Shop.as(shop.admin()).body(Map.of("name", "moved back", "priority", priority + 2))
                .put("/api/admin/warehouses/" + first);
        assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
        JsonPath read = Shop.as(shop.admin()).get("/api/admin/warehouses/" + first).then().statusCode(200).extract()
                .jsonPath();
        assertThat(read.getString("name")).isEqualTo("moved back");
        assertThat(read.getInt("priority")).isEqualTo(priority + 2);
        assertThat(read.getString("code")).as("the code stays").isEqualTo(changed.jsonPath().getString("code"))
                .startsWith("IT-");
        long after = place(customer, sku, 1);
        assertThat(allocations(Shop.order(customer, after), sku)).as("now the other warehouse comes first")
                .containsExactly(List.of(second, 1L));
        assertThat(stock(sku)).as("units already reserved stay where they were")
                .containsEntry(first, List.of(2, 1)).containsEntry(second, List.of(2, 1));

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("name", "x"),
                Map.of("name", "x", "priority", -1), Map.of("name", " ", "priority", 1),
                Map.of("name", "x", "priority", 1_000_001))) {
            Response refused = Shop.as(shop.admin()).body(body).put("/api/admin/warehouses/" + first);
            assertThat(refused.statusCode()).as(body + " " + refused.asString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        Response fractional = Shop.as(shop.admin()).contentType("application/json")
                .body("{\"name\": \"x\", \"priority\": 1.5}").put("/api/admin/warehouses/" + first);
        assertThat(fractional.statusCode()).isEqualTo(400);
        Response unknown = Shop.as(shop.admin()).body(Map.of("name", "x", "priority", 1))
                .put("/api/admin/warehouses/" + (Long.MAX_VALUE - 7));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Shop.as(shop.admin()).get("/api/admin/warehouses/" + (Long.MAX_VALUE - 7)).statusCode())
                .isEqualTo(404);
        Response notAdmin = Shop.as(customer).body(Map.of("name", "x", "priority", 0))
                .put("/api/admin/warehouses/" + first);
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        JsonPath unchanged = Shop.as(shop.admin()).get("/api/admin/warehouses/" + first).then().statusCode(200)
                .extract().jsonPath();
        assertThat(unchanged.getString("name")).as("nothing changed by the refusals").isEqualTo("moved back");
        assertThat(unchanged.getInt("priority")).isEqualTo(priority + 2);

        Shop.as(customer).post("/api/orders/" + before + "/cancel").then().statusCode(200);
        Shop.as(customer).post("/api/orders/" + after + "/cancel").then().statusCode(200);
        clean(sku);
    }

    @Test
    void transfersAreListedNewestFirstAndEachIsAtItsLocation() {
        long sku = shop.newSku(5);
        long other = warehouse(300);
        List<Long> ids = new ArrayList<>();
        for (int quantity : List.of(2, 1)) {
            Response moved = Shop.as(shop.admin()).body(Map.of("skuId", sku, "fromWarehouseId", 1,
                    "toWarehouseId", other, "quantity", quantity)).post("/api/admin/stock-transfers");
            assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(201);
            long id = moved.jsonPath().getLong("id");
            ids.add(id);
            JsonPath at = Shop.as(shop.admin()).get(java.net.URI.create(moved.header("Location")).getPath())
                    .then().statusCode(200).extract().jsonPath();
            assertThat(at.getLong("id")).isEqualTo(id);
            assertThat(at.getInt("quantity")).isEqualTo(quantity);
            assertThat(at.getLong("toWarehouseId")).isEqualTo(other);
        }
        JsonPath listed = Shop.as(shop.admin()).get("/api/admin/stock-transfers?skuId=" + sku).then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getList("items.id", Long.class)).containsExactly(ids.get(1), ids.get(0));
        assertThat(listed.getLong("total")).isEqualTo(2);
        JsonPath paged = Shop.as(shop.admin()).get("/api/admin/stock-transfers?skuId=" + sku + "&page=1&size=1")
                .then().statusCode(200).extract().jsonPath();
        assertThat(paged.getList("items.id", Long.class)).containsExactly(ids.get(0));
        assertThat(Shop.as(shop.admin()).get("/api/admin/stock-transfers").then().statusCode(200).extract()
                .jsonPath().getList("items.id", Long.class)).as("all SKUs' transfers, newest first").isNotEmpty()
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        for (String query : List.of("skuId=abc", "skuId=0", "size=0", "size=101", "page=-1")) {
            Response refused = Shop.as(shop.admin()).get("/api/admin/stock-transfers?" + query);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(Shop.as(shop.admin()).get("/api/admin/stock-transfers/" + (Long.MAX_VALUE - 7)).statusCode())
                .isEqualTo(404);
        assertThat(Shop.as(Accounts.customer()).get("/api/admin/stock-transfers").statusCode()).isEqualTo(403);
        assertThat(stock(sku)).containsEntry(1L, List.of(2, 0)).containsEntry(other, List.of(3, 0));
        clean(sku);
    }

    /**
     * The last units of a SKU, 2 in one warehouse and 3 in another (none in the default one), and 40 buyers at once
     * wanting 1 or 2 each (2 may need both warehouses): the orders placed hold exactly the units there were at most,
     * each allocated in full, and a refused buyer wanted more than what is left at the end (no unit is refused while
     * free). The audit, per warehouse too, is clean.
     */
    @Test
    void theLastUnitsSplitAcrossTwoWarehousesGoToExactlyAsManyBuyers() throws Exception {
        long sku = shop.newSku(0);
        long first = warehouse(100);
        long second = warehouse(101);
        count(sku, first, 2);
        count(sku, second, 3);
        int buyers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            List<Future<Accounts.Account>> registering = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                registering.add(pool.submit(Accounts::customer));
            }
            List<Accounts.Account> accounts = new ArrayList<>();
            for (Future<Accounts.Account> account : registering) {
                accounts.add(account.get(2, TimeUnit.MINUTES));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            List<Integer> wanted = new ArrayList<>();
            for (Accounts.Account account : accounts) {
                int quantity = 1 + ThreadLocalRandom.current().nextInt(2);
                wanted.add(quantity);
                Callable<Response> buy = () -> {
                    start.await();
                    return Shop.place(account, Shop.newKey(), sku, quantity);
                };
                answers.add(pool.submit(buy));
            }
            start.countDown();
            int sold = 0;
            int smallestRefused = Integer.MAX_VALUE;
            for (int i = 0; i < buyers; i++) {
                Response answer = answers.get(i).get(2, TimeUnit.MINUTES);
                assertThat(answer.statusCode()).as(answer.asString()).isIn(201, 409);
                if (answer.statusCode() == 201) {
                    long orderId = answer.jsonPath().getLong("id");
                    int held = allocations(Shop.order(accounts.get(i), orderId), sku).stream()
                            .mapToInt(a -> a.get(1).intValue()).sum();
                    assertThat(held).as("order %d allocated in full", orderId).isEqualTo(wanted.get(i));
                    sold += wanted.get(i);
                } else {
                    assertThat(answer.jsonPath().getString("type")).endsWith("insufficient-stock");
                    smallestRefused = Math.min(smallestRefused, wanted.get(i));
                }
            }
            assertThat(sold).as("units held by the orders placed").isLessThanOrEqualTo(5);
            Map<Long, List<Integer>> stock = stock(sku);
            int left = 5 - sold;
            assertThat(stock.get(first).get(0) + stock.get(second).get(0)).isEqualTo(5);
            assertThat(stock.get(first).get(1) + stock.get(second).get(1)).as("reserved = sold").isEqualTo(sold);
            if (smallestRefused != Integer.MAX_VALUE) {
                assertThat(left).as("a buyer of %d was refused, so fewer were left", smallestRefused)
                        .isLessThan(smallestRefused);
            }
            JsonPath audit = clean(sku);
            assertThat(Shop.skuLine(audit, sku)).containsEntry("reserved", sold);
        } finally {
            pool.shutdownNow();
        }
    }
}
