package dev.mall.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Phase boundaries inside one simulation: the wall clock, the stack's CPU time and, optionally, application metrics
 * at that moment. A simulation marks the start and end of each measured phase (warm-up excluded); the difference
 * between two marks is that phase's CPU and duration.
 */
public final class Marks {

    public record Mark(long epochMillis, Map<String, Double> cpu, Map<String, Double> metrics) {
    }

    private static final Map<String, Mark> MARKS = new ConcurrentHashMap<>();

    private Marks() {
    }

    public static void mark(String name) {
        mark(name, Map::of);
    }

    public static void mark(String name, Supplier<Map<String, Double>> metrics) {
        MARKS.put(name, new Mark(System.currentTimeMillis(), Cpu.read(), metrics.get()));
    }

    public static Mark get(String name) {
        Mark mark = MARKS.get(name);
        if (mark == null) {
            throw new IllegalStateException("no mark " + name);
        }
        return mark;
    }

    /** Duration, CPU and metric changes between two marks, and CPU per unit of work if {@code units} > 0. */
    public static Map<String, Object> between(String from, String to, long units) {
        Mark start = get(from);
        Mark end = get(to);
        Map<String, Object> phase = new LinkedHashMap<>();
        double seconds = (end.epochMillis() - start.epochMillis()) / 1000.0;
        phase.put("startEpochMillis", start.epochMillis());
        phase.put("endEpochMillis", end.epochMillis());
        phase.put("seconds", seconds);
        Map<String, Double> cpu = Cpu.used(start.cpu(), end.cpu());
        phase.put("cpuSeconds", cpu);
        phase.put("units", units);
        if (units > 0) {
            Map<String, Double> perUnit = new LinkedHashMap<>();
            cpu.forEach((k, v) -> perUnit.put(k, v / units));
            phase.put("cpuSecondsPerUnit", perUnit);
            phase.put("unitsPerSecond", units / seconds);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        end.metrics().forEach((k, v) -> metrics.put(k, v - start.metrics().getOrDefault(k, 0.0)));
        if (!metrics.isEmpty()) {
            phase.put("metricDeltas", metrics);
        }
        return phase;
    }
}
