package dev.mall.ordering.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the customer asked for: units per SKU, the same SKU on several lines already summed (so "2 + 3 of one SKU" is
 * checked as 5). Its {@link #fingerprint()} identifies the request for the idempotency check: the same key with a
 * different request is refused rather than answered with an order the client did not ask for.
 */
public record OrderRequest(SortedMap<Long, Integer> quantities) {

    public OrderRequest {
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        quantities = new TreeMap<>(quantities);
    }

    public static OrderRequest of(Iterable<Map.Entry<Long, Integer>> lines) {
        SortedMap<Long, Integer> summed = new TreeMap<>();
        for (Map.Entry<Long, Integer> line : lines) {
            summed.merge(line.getKey(), line.getValue(), Math::addExact);
        }
        return new OrderRequest(summed);
    }

    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        quantities.forEach((sku, quantity) -> canonical.append(sku).append('x').append(quantity).append(';'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
