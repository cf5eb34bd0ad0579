package dev.mall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stock audit (GET /api/admin/audit/stock, docs/MONEY-PATH.md) after a workload, over every SKU: the bench's
 * databases hold only what this run seeded and ordered. A mismatch can be transient while a two-phase commit is
 * between its branches, so a failing audit is asked again (at most 3 times, 2 s apart) before it counts.
 */
public final class Audit {

    private Audit() {
    }

    public static Map<String, Object> run(String workload) {
        Api api = new Api();
        String admin = Fixture.load().adminToken();
        JsonNode last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            last = api.get("/api/admin/audit/stock", admin).expect(200).json();
            if (last.get("ok").asBoolean()) {
                break;
            }
            sleep(2000);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", last.get("ok").asBoolean());
        result.put("skus", last.get("skus").size());
        long drift = 0;
        long rowsOutOfStep = 0;
        for (JsonNode sku : last.get("skus")) {
            drift += Math.abs(sku.path("drift").asLong());
            rowsOutOfStep += sku.path("rowsOutOfStep").asLong();
        }
        result.put("absoluteDrift", drift);
        result.put("rowsOutOfStep", rowsOutOfStep);
        JsonNode mismatches = last.path("orderMismatches");
        result.put("orderMismatches", mismatches.isArray() ? mismatches.size() : 0);
        if (!last.get("ok").asBoolean()) {
            String text = last.toString();
            result.put("detail", text.length() > 4000 ? text.substring(0, 4000) : text);
        }
        Prepare.log("audit after %s: ok=%s, %s SKUs, drift %d", workload, result.get("ok"), result.get("skus"), drift);
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
