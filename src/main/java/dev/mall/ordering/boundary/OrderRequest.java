package dev.mall.ordering.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the customer asked for: units per SKU, the same SKU on several lines already summed (so "2 + 3 of one SKU" is
 * checked as 5), and whether they came from the cart. Its {@link #fingerprint()} identifies the request for the
 * idempotency check: the same key with a different request is refused rather than answered with an order the client
 * did not ask for.
 */
public record OrderRequest(SortedMap<Long, Integer> quantities, boolean fromCart) {

    /**
     * The fingerprint of every {@code {fromCart: true}} request: what the client sent, not what the cart held. A
     * replay comes after the first request emptied the cart, so the lines cannot be compared then; the same key once
     * with items and once with fromCart is still refused. (A line fingerprint hashes digits, 'x' and ';' only, so it
     * can never equal this one.)
     */
    public static final String CART_FINGERPRINT = sha256("from-cart");

    public OrderRequest {
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        quantities = new TreeMap<>(quantities);
    }

    public OrderRequest(SortedMap<Long, Integer> quantities) {
        this(quantities, false);
    }

    public static OrderRequest of(Iterable<Map.Entry<Long, Integer>> lines) {
        SortedMap<Long, Integer> summed = new TreeMap<>();
        for (Map.Entry<Long, Integer> line : lines) {
            summed.merge(line.getKey(), line.getValue(), Math::addExact);
        }
        return new OrderRequest(summed);
    }

    /** The lines of a cart (one line per SKU already). */
    public static OrderRequest ofCart(Map<Long, Integer> cartLines) {
        return new OrderRequest(new TreeMap<>(cartLines), true);
    }

    public String fingerprint() {
        if (fromCart) {
            return CART_FINGERPRINT;
        }
        StringBuilder canonical = new StringBuilder();
        quantities.forEach((sku, quantity) -> canonical.append(sku).append('x').append(quantity).append(';'));
        return sha256(canonical.toString());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
