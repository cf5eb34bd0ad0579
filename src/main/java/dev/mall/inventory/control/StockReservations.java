package dev.mall.inventory.control;

import dev.mall.inventory.boundary.Inventory.Pool;
import dev.mall.inventory.entity.Reservation;
import dev.mall.inventory.entity.ReservationStatus;
import dev.mall.inventory.entity.Stock;
import dev.mall.inventory.entity.StockTransfer;
import dev.mall.inventory.entity.Warehouse;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
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

    @Inject
    Warehouses warehouses;

    /**
     * Holds {@code quantities} (SKU id → units, the same SKU already summed) of the ordinary stock for {@code orderId}.
     * Pessimistic and without refusals for contention: each SKU's units come from stock rows this transaction has
     * locked ({@link #lookIn}), so the version-checked write at the flush cannot lose a race and a buyer never
     * gets 409 while the SKU has units. SKUs are locked in ascending id order.
     * <p>
     * Warehouses (docs/MONEY-PATH.md "Warehouses"): a line takes its units from the SKU's warehouses in priority order,
     * as many as the first has free, the rest from the next, and so on; each part is a reservation naming its
     * warehouse's row (an allocation). Every buyer locks a SKU's warehouses in that same order, one warehouse's rows
     * after the other's, so splitting adds no lock-order cycle.
     *
     * @throws InsufficientStock if a SKU has fewer units available than asked (definitive: read under the lock or
     *                           from the latest committed rows, no retry)
     */
    public void reserve(long orderId, Map<Long, Integer> quantities) {
        Instant now = clock.instant();
        for (Map.Entry<Long, Integer> line : new TreeMap<>(quantities).entrySet()) {
            long skuId = line.getKey();
            int quantity = line.getValue();
            List<Long> warehouses = warehousesOf(skuId, Stock.ORDINARY);
            if (warehouses.isEmpty()) {
                throw Refusal.notFound("SKU " + skuId);
            }
            int missing = quantity;
            for (int i = 0; i < warehouses.size() && missing > 0; i++) {
                long warehouse = warehouses.get(i);
                boolean last = i == warehouses.size() - 1;
                Look look = lookIn(skuId, warehouse, missing, last, quantity - missing);
                if (look.row() != null) {
                    look.row().reserve(missing);
                    inventory.persist(new Reservation(orderId, look.row().key(), missing, now));
                    missing = 0;
                } else if (look.split()) {
                    // No single bucket of this warehouse holds what is missing, but its buckets together have some: lock
                    // them all, in bucket order (the order every multi-row locker uses), and take what they have.
                    List<Stock> rows = lockedRows(skuId, Stock.ORDINARY, warehouse);
                    int part = Math.min(missing, rows.stream().mapToInt(Stock::available).sum());
                    if (part > 0) {
                        take(orderId, rows, part, now);
                        missing -= part;
                    }
                }
            }
            if (missing > 0) {
                throw new InsufficientStock(skuId, quantity, quantity - missing);
            }
        }
        inventory.flush();
        lowStock.check(quantities.keySet());
    }

    /**
     * What one warehouse offers a line that still misses {@code quantity} units: a row with that many free units,
     * locked by this transaction; or {@code split} (its rows together have some free units but no single row has
     * them all, or fewer than asked and another warehouse follows: lock them all and take what they have); or neither
     * (nothing free here, go on to the next warehouse).
     */
    private record Look(Stock row, boolean split) {
    }

    /**
     * First the lowest bucket of the warehouse with the units that no one else holds ({@code FOR UPDATE SKIP LOCKED}):
     * concurrent buyers of a bucketed SKU each take a different row without waiting. If every row with units is held
     * by another buyer's transaction (always so for a one-row SKU under load), wait for one of them, drawn at random so
     * that waiters spread over the buckets, and look again if its units went to the buyer before. Each such round means
     * another buyer got units, so the loop ends: with a row, a split, nothing, or — in the {@code last} warehouse —
     * {@link InsufficientStock} when the latest committed rows (READ COMMITTED: every statement sees them) hold fewer
     * units than asked ({@code taken}: units of the line already locked in earlier warehouses).
     * <p>
     * Why not the optimistic version check: every buyer of a hot row reads the same version, all but one of each
     * round lose, and retries in new transactions ran out while units remained (409 stock-contention). A lock queues
     * them instead; the row is held from here to the commit, which is what the version check's write did anyway.
     */
    private Look lookIn(long skuId, long warehouse, int quantity, boolean last, int taken) {
        for (int round = 0; ; round++) {
            @SuppressWarnings("unchecked")
            List<Stock> free = ordinaryRowQuery("select s.* from stock s where s.sku_id = :sku and s.pool = 0"
                    + " and s.warehouse_id = :warehouse and s.on_hand - s.reserved >= :quantity"
                    + " order by s.bucket limit 1 for update skip locked", skuId, warehouse)
                    .setParameter("quantity", quantity)
                    .getResultList();
            if (!free.isEmpty()) {
                return new Look(free.get(0), false);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> levels = inventory.createNativeQuery("select s.bucket, s.on_hand - s.reserved from stock s"
                            + " where s.sku_id = :sku and s.pool = 0 and s.warehouse_id = :warehouse order by s.bucket")
                    .setParameter("sku", skuId)
                    .setParameter("warehouse", warehouse)
                    .getResultList();
            int available = levels.stream().mapToInt(level -> ((Number) level[1]).intValue()).sum();
            if (available < quantity) {
                if (last) {
                    throw new InsufficientStock(skuId, quantity + taken, available + taken);
                }
                return new Look(null, available > 0);
            }
            List<Integer> candidates = levels.stream().filter(level -> ((Number) level[1]).intValue() >= quantity)
                    .map(level -> ((Number) level[0]).intValue()).toList();
            if (candidates.isEmpty()) {
                return new Look(null, true);
            }
            if (round >= MAX_WAIT_ROUNDS) {
                throw new StockBusy(skuId);
            }
            int bucket = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
            @SuppressWarnings("unchecked")
            List<Stock> waited = ordinaryRowQuery("select s.* from stock s where s.sku_id = :sku and s.pool = 0"
                    + " and s.warehouse_id = :warehouse and s.bucket = :bucket for update", skuId, warehouse)
                    .setParameter("bucket", bucket)
                    .getResultList();
            if (!waited.isEmpty() && waited.get(0).canReserve(quantity)) {
                return new Look(waited.get(0), false);
            }
        }
    }

    /**
     * Rounds of waiting for a row whose units then went to the buyer before. Each is another buyer's success, so the
     * bound is only reached if units keep coming back as fast as they go; the attempt is then tried again.
     */
    static final int MAX_WAIT_ROUNDS = 64;

    private Query ordinaryRowQuery(String sql, long skuId, long warehouse) {
        // Native SQL because JPQL has no SKIP LOCKED (and Hibernate's lock timeout hint depends on the dialect's idea
        // of the server version, which Connector/J reports as 5.5). A row this transaction locked before comes back
        // as the managed instance; its state is current because the lock has been held since it was read.
        return inventory.createNativeQuery(sql, Stock.class).setParameter("sku", skuId).setParameter("warehouse", warehouse);
    }

    /**
     * Holds {@code quantity} units of a flash sale's pool. Pessimistic: only buyers that passed the sale's Redis gate
     * get here, as many as there are units, all at the same moment; a row lock queues them, where an optimistic check
     * would fail all but one per round and exhaust their retries while units are left.
     */
    public void reserveFromPool(long orderId, Pool pool, int quantity) {
        List<Stock> rows = lockedRows(pool.skuId(), pool.saleId());
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
     * Each reservation (allocation) goes back to, or leaves, exactly the row of the warehouse it was taken from; rows
     * are locked in the reservers' order (SKU, pool, warehouse priority, bucket).
     */
    private int settle(long orderId, boolean confirm) {
        Instant now = clock.instant();
        List<Reservation> held = new ArrayList<>(inventory.createQuery("select r from Reservation r"
                        + " where r.orderId = :order and r.status = :status", Reservation.class)
                .setParameter("order", orderId)
                .setParameter("status", ReservationStatus.RESERVED)
                .getResultList());
        Map<Long, Integer> rank = warehouseRank();
        held.sort(Comparator.comparingLong(Reservation::skuId).thenComparingLong(Reservation::pool)
                .thenComparingInt(r -> rank.getOrDefault(r.warehouseId(), Integer.MAX_VALUE))
                .thenComparingInt(r -> r.row().bucket()));
        int units = 0;
        Set<Long> ordinarySkus = new TreeSet<>();
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
     * Returned goods of a paid order back on the shelf, into the warehouses they were sold from: per SKU (ascending),
     * the order's sold allocations of that SKU (warehouses in priority order) give back up to what each has not given
     * back before ({@code Reservation.returned}), and each such warehouse's ordinary rows (locked) get those units as
     * free units, spread over its buckets. The reservations stay CONFIRMED: the units were sold and stay counted sold.
     */
    public void restock(long orderId, Map<Long, Integer> units) {
        Instant now = clock.instant();
        Map<Long, Integer> rank = warehouseRank();
        for (Map.Entry<Long, Integer> sku : new TreeMap<>(units).entrySet()) {
            List<Reservation> sold = new ArrayList<>(inventory.createQuery("select r from Reservation r"
                            + " where r.orderId = :order and r.skuId = :sku and r.status = :status", Reservation.class)
                    .setParameter("order", orderId)
                    .setParameter("sku", sku.getKey())
                    .setParameter("status", ReservationStatus.CONFIRMED)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList());
            sold.sort(Comparator.comparingInt((Reservation r) -> rank.getOrDefault(r.warehouseId(), Integer.MAX_VALUE))
                    .thenComparingLong(Reservation::pool).thenComparingInt(r -> r.row().bucket()));
            SortedMap<Long, Integer> perWarehouse = new TreeMap<>(Comparator
                    .comparingInt((Long w) -> rank.getOrDefault(w, Integer.MAX_VALUE)).thenComparingLong(w -> w));
            int left = sku.getValue();
            for (Reservation reservation : sold) {
                int back = Math.min(left, reservation.returnable());
                if (back > 0) {
                    reservation.returned(back, now);
                    perWarehouse.merge(reservation.warehouseId(), back, Integer::sum);
                    left -= back;
                }
            }
            if (left > 0) {
                throw new IllegalStateException("order " + orderId + " sold " + (sku.getValue() - left)
                        + " returnable unit(s) of SKU " + sku.getKey() + ", not " + sku.getValue());
            }
            for (Map.Entry<Long, Integer> warehouse : perWarehouse.entrySet()) {
                List<Stock> rows = rowsOrOpen(sku.getKey(), warehouse.getKey());
                redistribute(rows, rows.stream().mapToInt(Stock::available).sum() + warehouse.getValue());
            }
        }
        inventory.flush();
        lowStock.check(units.keySet());
    }

    /** Opens the stock (one row, in the default warehouse) of a new SKU. */
    public void open(long skuId, int onHand) {
        inventory.persist(new Stock(skuId, onHand));
    }

    /** The SKU's ordinary stock (all warehouses, or one) as one figure. */
    public record Level(long skuId, int onHand, int reserved, int buckets) {
        public int available() {
            return onHand - reserved;
        }
    }

    /** One warehouse's share of a SKU's ordinary stock. */
    public record WarehouseLevel(long warehouseId, int onHand, int reserved, int buckets) {
        public int available() {
            return onHand - reserved;
        }
    }

    /** The units of a SKU an order line holds (or held) in one warehouse. */
    public record Allocation(long warehouseId, int quantity) {
    }

    /**
     * An administrator's new count of the shelf of the SKU in the default warehouse ({@code PUT .../stock}); 409 if
     * it is below what unpaid orders hold there.
     */
    public Level setOnHand(long skuId, int onHand) {
        List<Stock> rows = lockedRows(skuId, Stock.ORDINARY, Warehouse.DEFAULT);
        if (rows.isEmpty()) {
            throw Refusal.notFound("SKU " + skuId);
        }
        count(skuId, Warehouse.DEFAULT, rows, onHand);
        return level(skuId, rows);
    }

    /**
     * An administrator's new count of the SKU's shelf in one warehouse (its first row there if it had none); 409 if it
     * is below what unpaid orders hold in that warehouse. Each bucket keeps the units reserved from it; the free units
     * are spread evenly.
     */
    public WarehouseLevel setOnHand(long skuId, long warehouseId, int onHand) {
        List<Stock> rows = rowsOrOpen(skuId, warehouseId);
        count(skuId, warehouseId, rows, onHand);
        return warehouseLevel(warehouseId, rows);
    }

    private void count(long skuId, long warehouseId, List<Stock> rows, int onHand) {
        int reserved = rows.stream().mapToInt(Stock::reserved).sum();
        if (onHand < reserved) {
            throw new Refusal("below-reserved",
                    "SKU " + skuId + " has " + reserved + " units reserved by unpaid orders in warehouse " + warehouseId
                            + "; on hand there cannot be " + onHand + ".");
        }
        redistribute(rows, onHand - reserved);
        lowStock.check(List.of(skuId));
    }

    /** The SKU's ordinary stock per warehouse (warehouses in priority order); 404 for an unknown SKU. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<WarehouseLevel> perWarehouse(long skuId) {
        List<WarehouseLevel> levels = new ArrayList<>();
        for (long warehouse : warehousesOf(skuId, Stock.ORDINARY)) {
            levels.add(warehouseLevel(warehouse, rows(skuId, Stock.ORDINARY, warehouse, LockModeType.NONE)));
        }
        if (levels.isEmpty()) {
            throw Refusal.notFound("SKU " + skuId);
        }
        return levels;
    }

    /**
     * Moves {@code quantity} free units of the SKU from one warehouse to another, in the caller's transaction; the
     * two warehouses' rows are locked in priority order (the reservers' order). Reserved units never move: 409
     * insufficient-stock if the source has fewer free units. 404 for an unknown SKU or warehouse.
     */
    public StockTransfer transfer(long skuId, long fromWarehouse, long toWarehouse, int quantity) {
        if (fromWarehouse == toWarehouse) {
            throw Refusal.invalid("toWarehouseId", "must differ from fromWarehouseId");
        }
        Warehouse from = warehouses.byId(fromWarehouse);
        Warehouse to = warehouses.byId(toWarehouse);
        if (!skuExists(skuId)) {
            throw Refusal.notFound("SKU " + skuId);
        }
        boolean fromFirst = from.priority() < to.priority() || from.priority() == to.priority() && from.id() < to.id();
        List<Stock> source;
        List<Stock> target;
        if (fromFirst) {
            source = lockedRows(skuId, Stock.ORDINARY, fromWarehouse);
            target = rowsOrOpen(skuId, toWarehouse);
        } else {
            target = rowsOrOpen(skuId, toWarehouse);
            source = lockedRows(skuId, Stock.ORDINARY, fromWarehouse);
        }
        int free = source.stream().mapToInt(Stock::available).sum();
        if (free < quantity) {
            throw new Refusal("insufficient-stock", "SKU " + skuId + " has " + free + " free unit(s) in warehouse "
                    + fromWarehouse + " (reserved units never move); cannot transfer " + quantity + ".");
        }
        redistribute(source, free - quantity);
        redistribute(target, target.stream().mapToInt(Stock::available).sum() + quantity);
        StockTransfer transfer = new StockTransfer(skuId, fromWarehouse, toWarehouse, quantity, clock.instant());
        inventory.persist(transfer);
        inventory.flush();
        return transfer;
    }

    /** The allocations of an order's lines: SKU id → per warehouse (priority order) the units held or sold there. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Map<Long, List<Allocation>> allocations(long orderId) {
        Map<Long, Integer> rank = warehouseRank();
        List<Reservation> reservations = new ArrayList<>(inventory.createQuery("select r from Reservation r"
                        + " where r.orderId = :order", Reservation.class)
                .setParameter("order", orderId)
                .getResultList());
        Map<Long, SortedMap<Long, Integer>> bySku = new TreeMap<>();
        for (Reservation reservation : reservations) {
            bySku.computeIfAbsent(reservation.skuId(), sku -> new TreeMap<>(Comparator
                            .comparingInt((Long w) -> rank.getOrDefault(w, Integer.MAX_VALUE)).thenComparingLong(w -> w)))
                    .merge(reservation.warehouseId(), reservation.quantity(), Integer::sum);
        }
        Map<Long, List<Allocation>> result = new TreeMap<>();
        bySku.forEach((sku, warehouses) -> result.put(sku, warehouses.entrySet().stream()
                .map(w -> new Allocation(w.getKey(), w.getValue())).toList()));
        return result;
    }

    /**
     * Splits the SKU's ordinary stock in each of its warehouses into {@code buckets} rows (1 = no split). Buckets that
     * would disappear must not hold reserved units (409 otherwise: try again when those orders are paid or expired).
     */
    public Level setBuckets(long skuId, int buckets) {
        List<Stock> all = new ArrayList<>();
        List<Long> warehouses = warehousesOf(skuId, Stock.ORDINARY);
        if (warehouses.isEmpty()) {
            throw Refusal.notFound("SKU " + skuId);
        }
        for (long warehouse : warehouses) {
            List<Stock> rows = lockedRows(skuId, Stock.ORDINARY, warehouse);
            int free = rows.stream().mapToInt(Stock::available).sum();
            for (Stock row : List.copyOf(rows)) {
                if (row.bucket() >= buckets) {
                    if (row.reserved() > 0) {
                        throw new Refusal("bucket-in-use", "Bucket " + row.bucket() + " of SKU " + skuId
                                + " in warehouse " + warehouse + " holds units of unpaid orders.");
                    }
                    inventory.remove(row);
                    rows.remove(row);
                }
            }
            for (int bucket = rows.size(); bucket < buckets; bucket++) {
                Stock row = new Stock(skuId, Stock.ORDINARY, warehouse, bucket, 0);
                inventory.persist(row);
                rows.add(row);
            }
            redistribute(rows, free);
            all.addAll(rows);
        }
        return level(skuId, all);
    }

    /**
     * Moves {@code units} of the SKU's free ordinary stock into a pool of their own (a flash sale's), so that they can
     * no longer be sold normally; 409 if there are not that many free units. They come from the warehouses in priority
     * order and stay in their warehouse: one pool row per warehouse that gave some.
     */
    public void allocatePool(long skuId, long pool, int units) {
        Map<Long, List<Stock>> byWarehouse = lockedOrdinaryRows(skuId);
        int free = byWarehouse.values().stream().flatMap(List::stream).mapToInt(Stock::available).sum();
        if (free < units) {
            throw new InsufficientStock(skuId, units, free);
        }
        int missing = units;
        for (Map.Entry<Long, List<Stock>> warehouse : byWarehouse.entrySet()) {
            List<Stock> rows = warehouse.getValue();
            int here = rows.stream().mapToInt(Stock::available).sum();
            int part = Math.min(here, missing);
            if (part > 0) {
                redistribute(rows, here - part);
                inventory.persist(new Stock(skuId, pool, warehouse.getKey(), 0, part));
                missing -= part;
            }
        }
        inventory.flush();
        lowStock.check(List.of(skuId));
    }

    /**
     * Sets the SKU's low-stock threshold ({@link LowStockAlerts}) under the lock of its ordinary stock rows, so that
     * no change of its units commits between the count and this transaction's commit; 404 for an unknown SKU.
     */
    public LowStockAlerts.LowSku setLowStockThreshold(long skuId, int threshold) {
        Map<Long, List<Stock>> rows = lockedOrdinaryRows(skuId);
        lowStock.set(skuId, threshold);
        return new LowStockAlerts.LowSku(skuId, threshold,
                rows.values().stream().flatMap(List::stream).mapToInt(Stock::available).sum());
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

    /** All the SKU's ordinary rows, locked warehouse by warehouse in priority order (each in bucket order); 404 if none. */
    private Map<Long, List<Stock>> lockedOrdinaryRows(long skuId) {
        Map<Long, List<Stock>> rows = new LinkedHashMap<>();
        for (long warehouse : warehousesOf(skuId, Stock.ORDINARY)) {
            rows.put(warehouse, lockedRows(skuId, Stock.ORDINARY, warehouse));
        }
        if (rows.isEmpty()) {
            throw Refusal.notFound("SKU " + skuId);
        }
        return rows;
    }

    /** The pool's rows of the SKU, locked warehouse by warehouse in priority order. */
    private List<Stock> lockedRows(long skuId, long pool) {
        List<Stock> rows = new ArrayList<>();
        for (long warehouse : warehousesOf(skuId, pool)) {
            rows.addAll(lockedRows(skuId, pool, warehouse));
        }
        return rows;
    }

    private List<Stock> lockedRows(long skuId, long pool, long warehouse) {
        return new ArrayList<>(rows(skuId, pool, warehouse, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The SKU's ordinary rows in the warehouse, locked; a first (empty) row if it has none there. 404 for unknowns. */
    private List<Stock> rowsOrOpen(long skuId, long warehouseId) {
        List<Stock> rows = lockedRows(skuId, Stock.ORDINARY, warehouseId);
        if (rows.isEmpty()) {
            warehouses.byId(warehouseId);
            if (!skuExists(skuId)) {
                throw Refusal.notFound("SKU " + skuId);
            }
            Stock row = new Stock(skuId, Stock.ORDINARY, warehouseId, 0, 0);
            inventory.persist(row);
            inventory.flush();
            rows.add(row);
        }
        return rows;
    }

    private boolean skuExists(long skuId) {
        return !inventory.createNativeQuery("select 1 from sku where id = :sku").setParameter("sku", skuId)
                .getResultList().isEmpty();
    }

    private List<Stock> rows(long skuId, long pool, long warehouse, LockModeType lock) {
        return inventory.createQuery("select s from Stock s where s.skuId = :sku and s.pool = :pool"
                                + " and s.warehouseId = :warehouse order by s.bucket", Stock.class)
                .setParameter("sku", skuId)
                .setParameter("pool", pool)
                .setParameter("warehouse", warehouse)
                .setLockMode(lock)
                .getResultList();
    }

    /**
     * The warehouses that hold rows of the SKU's pool, in priority order (ties: ascending id). Read without a lock
     * (the warehouse rows are never locked, so buyers do not queue on them); the rows are locked afterwards, one
     * warehouse after the other, in this order.
     */
    private List<Long> warehousesOf(long skuId, long pool) {
        @SuppressWarnings("unchecked")
        List<Object> ids = inventory.createNativeQuery("select w.id from warehouse w where exists (select 1 from stock s"
                        + " where s.sku_id = :sku and s.pool = :pool and s.warehouse_id = w.id) order by w.priority, w.id")
                .setParameter("sku", skuId)
                .setParameter("pool", pool)
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** Each warehouse's place in the priority order (0 first). */
    private Map<Long, Integer> warehouseRank() {
        List<Long> ids = inventory.createQuery("select w.id from Warehouse w order by w.priority, w.id", Long.class)
                .getResultList();
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rank.put(ids.get(i), i);
        }
        return rank;
    }

    private static Level level(long skuId, List<Stock> rows) {
        return new Level(skuId, rows.stream().mapToInt(Stock::onHand).sum(), rows.stream().mapToInt(Stock::reserved).sum(),
                rows.size());
    }

    private static WarehouseLevel warehouseLevel(long warehouseId, List<Stock> rows) {
        return new WarehouseLevel(warehouseId, rows.stream().mapToInt(Stock::onHand).sum(),
                rows.stream().mapToInt(Stock::reserved).sum(), rows.size());
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
