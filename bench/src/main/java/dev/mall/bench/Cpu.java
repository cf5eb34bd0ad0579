package dev.mall.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the stack's processes (user + system, all threads), read from {@code /proc/<pid>/stat}. A workload's
 * CPU cost is the difference between two readings divided by the work done in between.
 */
public final class Cpu {

    /** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Cpu() {
    }

    /** Seconds of CPU used so far by each named process (absent if it is gone or unreadable). */
    public static Map<String, Double> read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        BenchConfig.pids().forEach((name, pid) -> {
            Double used = seconds(pid);
            if (used != null) {
                seconds.put(name, used);
            }
        });
        return seconds;
    }

    static Double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may contain spaces; fields after it are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** after - before, per process, and their "total". */
    public static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> end : after.entrySet()) {
            Double start = before.get(end.getKey());
            if (start != null) {
                double delta = end.getValue() - start;
                used.put(end.getKey(), delta);
                total += delta;
            }
        }
        used.put("total", total);
        return used;
    }
}
