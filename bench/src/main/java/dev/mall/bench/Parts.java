package dev.mall.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Each step of a run leaves its results in target/bench/parts/ID.json; the report puts them together. */
public final class Parts {

    private Parts() {
    }

    public static Path file(String id) {
        return BenchConfig.out().resolve("parts/" + id + ".json");
    }

    public static void write(String id, Map<String, Object> values) {
        Json.writeFile(file(id), values);
    }

    public static boolean exists(String id) {
        return Files.exists(file(id));
    }

    public static Map<String, Object> read(String id) {
        return Json.readMap(file(id));
    }
}
