package dev.mall.inventory.boundary;

import dev.mall.inventory.control.StockReservations;
import dev.mall.platform.domain.OrderId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What other domains may ask of the inventory: hold, release and confirm an order's units, open a new SKU's stock, set
 * a flash sale's pool aside, and read what is left. Every call joins the caller's transaction (holds, releases and
 * confirmations require one, {@link StockReservations}); nothing here starts one. Refusals: {@code
 * insufficient-stock} (definitive, not worth retrying) and {@code not-found}; a lost lock race surfaces as an exception
 * that {@link dev.mall.platform.persistence.Conflicts#isLockConflict} recognises, to be retried in a new transaction.
 */
@ApplicationScoped
public class Inventory {

    /** A flash sale's units of a SKU, set aside from its ordinary stock (the pool's id is the sale's). */
    public record Pool(long skuId, long saleId) {
    }

    @Inject
    StockReservations reservations;

    /** Holds {@code quantities} (SKU id → units) of the ordinary stock for the order. */
    public void reserve(OrderId orderId, Map<Long, Integer> quantities) {
        reservations.reserve(orderId.value(), quantities);
    }

    /** Holds {@code units} of a flash sale's pool for the order. */
    public void reserveFromPool(OrderId orderId, Pool pool, int units) {
        reservations.reserveFromPool(orderId.value(), pool, units);
    }

    /** The units the pool has free as last committed, without a lock (a queued purchase decides with it). */
    public int poolAvailable(Pool pool) {
        return reservations.poolAvailable(pool.skuId(), pool.saleId());
    }

    /** An unpaid order's units go back; the number of units released (0 if none were held). */
    public int release(OrderId orderId) {
        return reservations.release(orderId.value());
    }

    /** A paid order's held units become sold; the number of units confirmed. */
    public int confirm(OrderId orderId) {
        return reservations.confirm(orderId.value());
    }

    /**
     * Returned goods of a paid order back on the shelf: {@code units} (SKU id → units) more on hand of the ordinary
     * stock, in the warehouses the order's units were sold from.
     */
    public void restock(OrderId orderId, Map<Long, Integer> units) {
        reservations.restock(orderId.value(), units);
    }

    /** Where an order line's units are (or were) held: one warehouse's share of a line. */
    public record Allocation(long warehouseId, int quantity) {
    }

    /** The allocations of the order's lines: SKU id → per warehouse, in priority order. */
    public Map<Long, List<Allocation>> allocations(OrderId orderId) {
        Map<Long, List<Allocation>> result = new TreeMap<>();
        reservations.allocations(orderId.value()).forEach((sku, parts) -> result.put(sku, parts.stream()
                .map(part -> new Allocation(part.warehouseId(), part.quantity())).toList()));
        return result;
    }

    /** Opens the stock of a new SKU. */
    public void open(long skuId, int onHand) {
        reservations.open(skuId, onHand);
    }

    /** Moves {@code units} of the SKU's free ordinary stock into the pool; {@code insufficient-stock} if fewer are free. */
    public void allocatePool(Pool pool, int units) {
        reservations.allocatePool(pool.skuId(), pool.saleId(), units);
    }

    /** Units of the ordinary stock available to sell now, per SKU (missing SKUs are absent). */
    public Map<Long, Integer> available(Collection<Long> skuIds) {
        return reservations.available(skuIds);
    }

    /** Units of the pool not held by any order. */
    public int poolRemaining(Pool pool) {
        return reservations.poolRemaining(pool.skuId(), pool.saleId());
    }
}
