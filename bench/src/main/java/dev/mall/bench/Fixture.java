package dev.mall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Prepare} seeded, for the simulations and the report: the administrator's token, the customers (id and
 * token, also as {@code customers.csv} for Gatling's feeders), the products and SKUs of W1/W4, the hot SKUs of W2
 * and the SKU that W3's flash sale sells.
 */
public record Fixture(String adminToken, List<Long> productIds, List<Long> skuIds, long hotSku, long hotBucketedSku,
                      int hotBuckets, long flashSku, List<String> searchTerms, long customerCount) {

    public static Path file() {
        return BenchConfig.out().resolve("fixture.json");
    }

    public static Path customersCsv() {
        return BenchConfig.out().resolve("customers.csv");
    }

    public void save() {
        Json.writeFile(file(), this);
    }

    public static Fixture load() {
        JsonNode node = Json.readFile(file());
        return new Fixture(node.get("adminToken").asText(), longs(node.get("productIds")), longs(node.get("skuIds")),
                node.get("hotSku").asLong(), node.get("hotBucketedSku").asLong(), node.get("hotBuckets").asInt(),
                node.get("flashSku").asLong(), strings(node.get("searchTerms")), node.get("customerCount").asLong());
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
