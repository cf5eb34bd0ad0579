package dev.mall.inventory.control;

import dev.mall.inventory.boundary.Inventory.Pool;
import dev.mall.inventory.entity.Reservation;
import dev.mall.inventory.entity.ReservationStatus;
import dev.mall.inventory.entity.Stock;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reserves, releases and confirms an order's units, always inside the caller's XA transaction.
 * <p>
 * SKUs are handled in ascending id order (a {@link TreeMap}) and Hibernate flushes row updates sorted by primary key
 * ({@code hibernate.order_updates}), so two multi-SKU orders never wait on each other's rows in opposite orders: no
 * deadlocks.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StockReservations {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Clock clock;

    @Inject
    LowStockAlerts lowStock;

    /**
     * Holds {@code quantities} (SKU id → units, the same SKU already summed) of the ordinary stock for {@code orderId}.
     * Pessimistic and without refusals for contention: each SKU's units come from a stock row this transaction has
     * locked ({@link #lockRowFor}), so the version-checked write at the flush cannot lose a race and a buyer never
     * gets 409 while the SKU has units. SKUs are locked in ascending id order.
     *
     * @throws InsufficientStock if a SKU has fewer units available than asked (definitive: read under the lock or
     *                           from the latest committed rows, no retry)
     */
    public void reserve(long orderId, Map<Long, Integer> quantities) {
        Instant now = clock.instant();
        for (Map.Entry<Long, Integer> line : new TreeMap<>(quantities).entrySet()) {
            long skuId = line.getKey();
            int quantity = line.getValue();
            Optional<Stock> row = lockRowFor(skuId, quantity);
            if (row.isPresent()) {
                row.get().reserve(quantity);
                inventory.persist(new Reservation(orderId, row.get().key(), quantity, now));
            } else {
                // No single bucket holds the quantity, but all of them together might: lock them all, in bucket
                // order (the order every multi-row locker uses), and split.
                take(orderId, lockedOrdinaryRows(skuId), quantity, now);
            }
        }
        inventory.flush();
        lowStock.check(quantities.keySet());
    }

    /**
     * A row of the SKU's ordinary stock with at least {@code quantity} free units, locked by this transaction; empty
     * if no single row has that many but all rows together do (the caller splits).
     * <p>
     * First the lowest bucket with the units that no one else holds ({@code FOR UPDATE SKIP LOCKED}): concurrent
     * buyers of a bucketed SKU each take a different row without waiting. If every row with units is held by another
     * buyer's transaction (always so for a one-row SKU under load), wait for one of them, drawn at random so that
     * waiters spread over the buckets, and look again if its units went to the buyer before. Each such round means
     * another buyer got units, so the loop ends: with a row, or with {@link InsufficientStock} when the latest
     * committed rows (READ COMMITTED: every statement sees them) hold fewer units than asked.
     * <p>
     * Why not the optimistic version check: every buyer of a hot row reads the same version, all but one of each
     * round lose, and retries in new transactions ran out while units remained (409 stock-contention). A lock queues
     * them instead; the row is held from here to the commit, which is what the version check's write did anyway.
     */
    private Optional<Stock> lockRowFor(long skuId, int quantity) {
        for (int round = 0; ; round++) {
            @SuppressWarnings("unchecked")
            List<Stock> free = ordinaryRowQuery("select s.* from stock s where s.sku_id = :sku and s.pool = 0"
                    + " and s.on_hand - s.reserved >= :quantity order by s.bucket limit 1 for update skip locked", skuId)
                    .setParameter("quantity", quantity)
                    .getResultList();
            if (!free.isEmpty()) {
                return Optional.of(free.get(0));
            }
            @SuppressWarnings("unchecked")
            List<Object[]> levels = inventory.createNativeQuery("select s.bucket, s.on_hand - s.reserved from stock s"
                            + " where s.sku_id = :sku and s.pool = 0 order by s.bucket")
                    .setParameter("sku", skuId)
                    .getResultList();
            if (levels.isEmpty()) {
                throw Refusal.notFound("SKU " + skuId);
            }
            int available = levels.stream().mapToInt(level -> ((Number) level[1]).intValue()).sum();
            if (available < quantity) {
                throw new InsufficientStock(skuId, quantity, available);
            }
            List<Integer> candidates = levels.stream().filter(level -> ((Number) level[1]).intValue() >= quantity)
                    .map(level -> ((Number) level[0]).intValue()).toList();
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            if (round >= MAX_WAIT_ROUNDS) {
                throw new StockBusy(skuId);
            }
            int bucket = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            @SuppressWarnings("unchecked")
            List<Stock> waited = ordinaryRowQuery("select s.* from stock s where s.sku_id = :sku and s.pool = 0"
                    + " and s.bucket = :bucket for update", skuId)
                    .setParameter("bucket", bucket)
                    .getResultList();
            if (!waited.isEmpty() && waited.get(0).canReserve(quantity)) {
                return Optional.of(waited.get(0));
            }
        }
    }

    /**
     * Rounds of waiting for a row whose units then went to the buyer before. Each is another buyer's success, so the
     * bound is only reached if units keep coming back as fast as they go; the attempt is then tried again.
     */
    static final int MAX_WAIT_ROUNDS = 64;

    private Query ordinaryRowQuery(String sql, long skuId) {
        // Native SQL because JPQL has no SKIP LOCKED (and Hibernate's lock timeout hint depends on the dialect's idea
        // of the server version, which Connector/J reports as 5.5). A row this transaction locked before comes back
        // as the managed instance; its state is current because the lock has been held since it was read.
        return inventory.createNativeQuery(sql, Stock.class).setParameter("sku", skuId);
    }

    /**
     * Holds {@code quantity} units of a flash sale's pool. Pessimistic: only buyers that passed the sale's Redis gate
     * get here, as many as there are units, all at the same moment; a row lock queues them, where an optimistic check
     * would fail all but one per round and exhaust their retries while units are left.
     */
    public void reserveFromPool(long orderId, Pool pool, int quantity) {
        List<Stock> rows = rows(pool.skuId(), pool.saleId(), LockModeType.PESSIMISTIC_WRITE);
        if (rows.isEmpty()) {
            throw Refusal.notFound("Flash sale stock of SKU " + pool.skuId());
        }
        take(orderId, rows, quantity, clock.instant());
        inventory.flush();
    }

    /**
     * The units a flash sale's pool has free, as last committed, without locking anything (and without loading its
     * rows into the persistence context, so that {@link #reserveFromPool} still reads them under its lock): a queued
     * purchase asks this before it creates an order, so that "sold out" is a decision it records, not an exception
     * that would roll back the transaction of its message. Only a purchase racing another for the last units can
     * still find fewer under the lock; it then rolls back and is redelivered, and asks again.
     */
    public int poolAvailable(long skuId, long pool) {
        return inventory.createQuery("select coalesce(sum(s.onHand - s.reserved), 0) from Stock s"
                        + " where s.skuId = :sku and s.pool = :pool", Number.class)
                .setParameter("sku", skuId)
                .setParameter("pool", pool)
                .getSingleResult()
                .intValue();
    }

    private void take(long orderId, List<Stock> rows, int quantity, Instant now) {
        int start = rows.size() == 1 ? 0 : ThreadLocalRandom.current().nextInt(rows.size());
        List<BucketChoice.Take> takes = BucketChoice.take(rows.stream().map(Stock::available).toList(), quantity, start);
        if (takes.isEmpty()) {
            throw new InsufficientStock(rows.get(0).skuId(), quantity, rows.stream().mapToInt(Stock::available).sum());
        }
        for (BucketChoice.Take take : takes) {
            Stock row = rows.get(take.index());
            row.reserve(take.quantity());
            inventory.persist(new Reservation(orderId, row.key(), take.quantity(), now));
        }
    }

    /** Gives an unpaid order's units back. Returns the number of units released (0 if none were held). */
    public int release(long orderId) {
        return settle(orderId, false);
    }

    /** A paid order's held units become sold. Returns the number of units confirmed. */
    public int confirm(long orderId) {
        return settle(orderId, true);
    }

    /**
     * Compensations and confirmations lock the stock rows (SELECT ... FOR UPDATE) instead of relying on the version
     * check: they run in MDBs and sweeps where an optimistic failure would only mean a redelivery and, under a hot SKU,
     * possibly a dead letter. The lock still bumps the version, so concurrent optimistic reservers retry correctly.
     */
    private int settle(long orderId, boolean confirm) {
        Instant now = clock.instant();
        List<Reservation> held = inventory.createQuery("select r from Reservation r where r.orderId = :order"
                        + " and r.status = :status order by r.skuId, r.pool, r.bucket", Reservation.class)
                .setParameter("order", orderId)
                .setParameter("status", ReservationStatus.RESERVED)
                .getResultList();
        int units = 0;
        java.util.Set<Long> ordinarySkus = new java.util.TreeSet<>();
        for (Reservation reservation : held) {
            Stock stock = inventory.find(Stock.class, reservation.row(), LockModeType.PESSIMISTIC_WRITE);
            if (stock == null) {
                // A reservation's row always exists; Hibernate answers null when the lock could not be taken because
                // the transaction timed out meanwhile (HHH-12472). Fail clearly: it rolls back and is taken again.
                throw new IllegalStateException("stock row " + reservation.row() + " of order " + orderId
                        + " could not be locked; the transaction has timed out or is marked for rollback");
            }
            if (confirm) {
                stock.confirm(reservation.quantity());
                reservation.confirm(now);
            } else {
                stock.release(reservation.quantity());
                reservation.release(now);
                if (reservation.pool() == Stock.ORDINARY) {
                    ordinarySkus.add(reservation.skuId());
                }
            }
            units += reservation.quantity();
        }
        inventory.flush();
        // A confirmation leaves the available units as they were (on hand and reserved both fall); a release raises them.
        lowStock.check(ordinarySkus);
        return units;
    }

    /**
     * Returned goods back on the shelf: each SKU's ordinary rows (locked, SKUs in ascending id) get {@code units}
     * more free units, spread over its buckets. Reservations are untouched: the units were sold and stay counted sold.
     */
    public void restock(Map<Long, Integer> units) {
        for (Map.Entry<Long, Integer> sku : new TreeMap<>(units).entrySet()) {
            List<Stock> rows = lockedOrdinaryRows(sku.getKey());
            redistribute(rows, rows.stream().mapToInt(Stock::available).sum() + sku.getValue());
        }
        lowStock.check(units.keySet());
    }

    /** Opens the stock (one row) of a new SKU. */
    public void open(long skuId, int onHand) {
        inventory.persist(new Stock(skuId, onHand));
    }

    /** The SKU's ordinary stock as one figure. */
    public record Level(long skuId, int onHand, int reserved, int buckets) {
        public int available() {
            return onHand - reserved;
        }
    }

    /**
     * An administrator's new count of the shelf; 409 if it is below what unpaid orders hold. Each bucket keeps the
     * units reserved from it; the free units are spread evenly.
     */
    public Level setOnHand(long skuId, int onHand) {
        List<Stock> rows = lockedOrdinaryRows(skuId);
        int reserved = rows.stream().mapToInt(Stock::reserved).sum();
        if (onHand < reserved) {
            throw new Refusal("below-reserved",
                    "SKU " + skuId + " has " + reserved + " units reserved by unpaid orders; on hand cannot be "
                            + onHand + ".");
        }
        redistribute(rows, onHand - reserved);
        lowStock.check(List.of(skuId));
        return level(skuId, rows);
    }

    /**
     * Splits the SKU's ordinary stock into {@code buckets} rows (1 = no split). Buckets that would disappear must not
     * hold reserved units (409 otherwise: try again when those orders are paid or expired).
     */
    public Level setBuckets(long skuId, int buckets) {
        List<Stock> rows = lockedOrdinaryRows(skuId);
        int free = rows.stream().mapToInt(Stock::available).sum();
        for (Stock row : List.copyOf(rows)) {
            if (row.bucket() >= buckets) {
                if (row.reserved() > 0) {
                    throw new Refusal("bucket-in-use",
                            "Bucket " + row.bucket() + " of SKU " + skuId + " holds units of unpaid orders.");
                }
                inventory.remove(row);
                rows.remove(row);
            }
        }
        for (int bucket = rows.size(); bucket < buckets; bucket++) {
            Stock row = new Stock(skuId, Stock.ORDINARY, bucket, 0);
            inventory.persist(row);
            rows.add(row);
        }
        redistribute(rows, free);
        return level(skuId, rows);
    }

    /**
     * Moves {@code units} of the SKU's free ordinary stock into a pool of their own (a flash sale's), so that they can
     * no longer be sold normally; 409 if there are not that many free units.
     */
    public void allocatePool(long skuId, long pool, int units) {
        List<Stock> rows = lockedOrdinaryRows(skuId);
        int free = rows.stream().mapToInt(Stock::available).sum();
        if (free < units) {
            throw new InsufficientStock(skuId, units, free);
        }
        redistribute(rows, free - units);
        inventory.persist(new Stock(skuId, pool, 0, units));
        inventory.flush();
        lowStock.check(List.of(skuId));
    }

    /**
     * Sets the SKU's low-stock threshold ({@link LowStockAlerts}) under the lock of its ordinary stock rows, so that
     * no change of its units commits between the count and this transaction's commit; 404 for an unknown SKU.
     */
    public LowStockAlerts.LowSku setLowStockThreshold(long skuId, int threshold) {
        List<Stock> rows = lockedOrdinaryRows(skuId);
        lowStock.set(skuId, threshold);
        return new LowStockAlerts.LowSku(skuId, threshold, rows.stream().mapToInt(Stock::available).sum());
    }

    private void redistribute(List<Stock> rows, int freeUnits) {
        List<Integer> shares = BucketChoice.spread(freeUnits, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Stock row = rows.get(i);
            int target = row.reserved() + shares.get(i);
            if (target > row.onHand()) {
                row.transferIn(target - row.onHand());
            } else {
                row.transferOut(row.onHand() - target);
            }
        }
        inventory.flush();
    }

    private List<Stock> lockedOrdinaryRows(long skuId) {
        List<Stock> rows = rows(skuId, Stock.ORDINARY, LockModeType.PESSIMISTIC_WRITE);
        if (rows.isEmpty()) {
            throw Refusal.notFound("SKU " + skuId);
        }
        return new java.util.ArrayList<>(rows);
    }

    private List<Stock> rows(long skuId, long pool, LockModeType lock) {
        return inventory.createQuery("select s from Stock s where s.skuId = :sku and s.pool = :pool order by s.bucket",
                        Stock.class)
                .setParameter("sku", skuId)
                .setParameter("pool", pool)
                .setLockMode(lock)
                .getResultList();
    }

    private static Level level(long skuId, List<Stock> rows) {
        return new Level(skuId, rows.stream().mapToInt(Stock::onHand).sum(), rows.stream().mapToInt(Stock::reserved).sum(),
                rows.size());
    }

    /** Units of the ordinary stock available to sell now, per SKU (missing SKUs are absent). Reads only. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Map<Long, Integer> available(Collection<Long> skuIds) {
        SortedMap<Long, Integer> result = new TreeMap<>();
        if (skuIds.isEmpty()) {
            return result;
        }
        inventory.createQuery("select s.skuId, sum(s.onHand - s.reserved) from Stock s"
                        + " where s.skuId in :ids and s.pool = 0 group by s.skuId", Object[].class)
                .setParameter("ids", skuIds)
                .getResultList()
                .forEach(row -> result.put((Long) row[0], ((Number) row[1]).intValue()));
        return result;
    }

    /** Units of a pool not held by any order (a flash sale's remaining units). Reads only. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int poolRemaining(long skuId, long pool) {
        Number remaining = inventory.createQuery("select coalesce(sum(s.onHand - s.reserved), 0) from Stock s"
                        + " where s.skuId = :sku and s.pool = :pool", Number.class)
                .setParameter("sku", skuId)
                .setParameter("pool", pool)
                .getSingleResult();
        return remaining.intValue();
    }
}
