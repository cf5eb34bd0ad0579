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
 * checked as 5), whether they came from the cart, where the order goes and its coupon (both optional). Its
 * {@link #fingerprint()}
 * identifies the request for the idempotency check: the same key with a different request is refused rather than
 * answered with an order the client did not ask for.
 */
public record OrderRequest(SortedMap<Long, Integer> quantities, boolean fromCart, Address shippingAddress,
                           String couponCode) {

    /** Where the order goes, as checked at the edge (docs/API.md "Shipping and returns"); {@code line2} may be null. */
    public record Address(String name, String line1, String line2, String city, String postalCode, String country) {

        /** Every field with its length, so that no two different addresses read the same. */
        String canonical() {
            StringBuilder canonical = new StringBuilder();
            for (String field : new String[] {name, line1, line2 == null ? "" : line2, city, postalCode, country}) {
                canonical.append(field.length()).append(':').append(field);
            }
            return canonical.toString();
        }
    }

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

    public OrderRequest(SortedMap<Long, Integer> quantities, boolean fromCart) {
        this(quantities, fromCart, null, null);
    }

    public OrderRequest(SortedMap<Long, Integer> quantities) {
        this(quantities, false);
    }

    /** The same request, going to {@code address} (null: none given). */
    public OrderRequest shippedTo(Address address) {
        return new OrderRequest(quantities, fromCart, address, couponCode);
    }

    /** The same request, with the coupon {@code code} (null: none). */
    public OrderRequest withCoupon(String code) {
        return new OrderRequest(quantities, fromCart, shippingAddress, code);
    }

    /**
     * The fingerprint of every {@code {fromCart: true}} request to {@code address} with {@code couponCode} (either
     * null: none): what the client sent.
     */
    public static String cartFingerprint(Address address, String couponCode) {
        if (address == null && couponCode == null) {
            return CART_FINGERPRINT;
        }
        return sha256("from-cart" + extras(address, couponCode));
    }

    /** What an address and a coupon add to a fingerprint; nothing without them (older orders keep theirs). */
    private static String extras(Address address, String couponCode) {
        return (address == null ? "" : "@" + address.canonical()) + (couponCode == null ? "" : "%" + couponCode);
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

    /** Without address and coupon, the fingerprint orders placed before either existed carry; with one, another. */
    public String fingerprint() {
        if (fromCart) {
            return cartFingerprint(shippingAddress, couponCode);
        }
        StringBuilder canonical = new StringBuilder();
        quantities.forEach((sku, quantity) -> canonical.append(sku).append('x').append(quantity).append(';'));
        return sha256(canonical.append(extras(shippingAddress, couponCode)).toString());
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
