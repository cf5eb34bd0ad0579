package dev.mall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The stock audit (GET /api/admin/audit/stock, docs/MONEY-PATH.md) after a workload, over every SKU: the bench's
 * databases hold only what this run seeded and ordered. An order whose status and reservations disagree can be a
 * two-phase commit between its branches (the inventory branch committed, the orders branch not yet) — and while
 * earlier phases' unpaid orders expire by the thousand, every snapshot catches some. So a failing audit is asked again
 * (at most 5 times, 2 s apart), and an order mismatch counts only if the same order disagreed in every answer; stock
 * drift (one database, one snapshot) counts in the last answer as it is. Should the server list 100 mismatches (its
 * cap), nothing is forgiven.
 */
public final class Audit {

    private static final int ATTEMPTS = 5;
    private static final int LISTED_AT_MOST = 100;

    private Audit() {
    }

    public static Map<String, Object> run(String workload) {
        Api api = new Api();
        String admin = Fixture.load().adminToken();
        JsonNode last = null;
        Set<Long> persistent = null;
        boolean capped = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = api.get("/api/admin/audit/stock", admin).expect(200).json();
            if (last.get("ok").asBoolean()) {
                persistent = Set.of();
                break;
            }
            Set<Long> mismatched = new HashSet<>();
            last.path("orderMismatches").forEach(m -> mismatched.add(m.path("orderId").asLong()));
            capped |= mismatched.size() >= LISTED_AT_MOST;
            if (persistent == null) {
                persistent = mismatched;
            } else {
                persistent.retainAll(mismatched);
            }
            if (attempt < ATTEMPTS) {
                sleep(2000);
            }
        }
        long drift = 0;
        long rowsOutOfStep = 0;
        for (JsonNode sku : last.get("skus")) {
            drift += Math.abs(sku.path("drift").asLong());
            rowsOutOfStep += sku.path("rowsOutOfStep").asLong();
        }
        long warehouseDrift = 0;
        for (JsonNode line : last.path("warehouses")) {
            warehouseDrift += Math.abs(line.path("drift").asLong());
        }
        JsonNode mismatches = last.path("orderMismatches");
        int lastMismatches = mismatches.isArray() ? mismatches.size() : 0;
        boolean ok = last.get("ok").asBoolean()
                || (drift == 0 && rowsOutOfStep == 0 && warehouseDrift == 0 && !capped && persistent.isEmpty());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", ok);
        result.put("skus", last.get("skus").size());
        result.put("absoluteDrift", drift);
        result.put("rowsOutOfStep", rowsOutOfStep);
        result.put("warehouseDrift", warehouseDrift);
        result.put("orderMismatches", lastMismatches);
        result.put("persistentOrderMismatches", persistent.size());
        if (!last.get("ok").asBoolean()) {
            String text = last.toString();
            result.put("detail", text.length() > 4000 ? text.substring(0, 4000) : text);
        }
        Prepare.log("audit after %s: ok=%s, %s SKUs, drift %d, order mismatches %d (in every answer: %d)", workload,
                ok, result.get("skus"), drift, lastMismatches, persistent.size());
        return result;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
