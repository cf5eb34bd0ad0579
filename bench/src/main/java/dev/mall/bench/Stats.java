package dev.mall.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles of recorded durations (nearest rank). */
public final class Stats {

    private Stats() {
    }

    /** p50, p95, p99, max and mean of durations given in nanoseconds, in milliseconds. */
    public static Map<String, Double> percentilesMillis(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("p50", at(sorted, 0.50) / 1e6);
        result.put("p95", at(sorted, 0.95) / 1e6);
        result.put("p99", at(sorted, 0.99) / 1e6);
        result.put("max", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        result.put("mean", sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6);
        return result;
    }

    private static double at(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }
}
