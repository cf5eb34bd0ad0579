package dev.mall.inventory.control;

import dev.mall.inventory.entity.Reservation;
import dev.mall.inventory.entity.ReservationStatus;
import dev.mall.inventory.entity.Stock;
import dev.mall.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reserves, releases and confirms an order's units, always inside the caller's XA transaction.
 * <p>
 * Rows are touched in ascending SKU id order (a {@link TreeMap}, and {@code hibernate.order_updates}), so two
 * multi-SKU orders can never wait on each other's rows in opposite orders: no deadlocks.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StockReservations {

    @PersistenceContext(unitName = "inventory")
    EntityManager inventory;

    @Inject
    Clock clock;

    /**
     * Holds {@code quantities} (SKU id → units, the same SKU already summed) for {@code orderId}. Optimistic: the
     * stock rows are read without a lock and written with a version check at the flush at the end, which throws
     * {@link jakarta.persistence.OptimisticLockException} if another transaction changed a row meanwhile; the caller
     * then retries everything in a new transaction.
     *
     * @throws InsufficientStock if a SKU has fewer units available than asked (definitive, no retry)
     */
    public void reserve(long orderId, Map<Long, Integer> quantities) {
        Instant now = clock.instant();
        for (Map.Entry<Long, Integer> line : new TreeMap<>(quantities).entrySet()) {
            long skuId = line.getKey();
            int quantity = line.getValue();
            Stock stock = inventory.find(Stock.class, skuId);
            if (stock == null) {
                throw ProblemException.notFound("SKU " + skuId);
            }
            if (!stock.canReserve(quantity)) {
                throw new InsufficientStock(skuId, quantity, stock.available());
            }
            stock.reserve(quantity);
            inventory.persist(new Reservation(orderId, skuId, quantity, now));
        }
        inventory.flush();
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
        List<Reservation> held = inventory.createQuery(
                        "select r from Reservation r where r.orderId = :order and r.status = :status order by r.skuId",
                        Reservation.class)
                .setParameter("order", orderId)
                .setParameter("status", ReservationStatus.RESERVED)
                .getResultList();
        int units = 0;
        for (Reservation reservation : held) {
            Stock stock = inventory.find(Stock.class, reservation.skuId(), LockModeType.PESSIMISTIC_WRITE);
            if (confirm) {
                stock.confirm(reservation.quantity());
                reservation.confirm(now);
            } else {
                stock.release(reservation.quantity());
                reservation.release(now);
            }
            units += reservation.quantity();
        }
        inventory.flush();
        return units;
    }

    /** Opens the stock row of a new SKU. */
    public void open(long skuId, int onHand) {
        inventory.persist(new Stock(skuId, onHand));
    }

    /** An administrator's new count of the shelf; 409 if it is below what unpaid orders hold. */
    public Stock setOnHand(long skuId, int onHand) {
        Stock stock = inventory.find(Stock.class, skuId, LockModeType.PESSIMISTIC_WRITE);
        if (stock == null) {
            throw ProblemException.notFound("SKU " + skuId);
        }
        if (onHand < stock.reserved()) {
            throw ProblemException.conflict("below-reserved", "Below reserved units",
                    "SKU " + skuId + " has " + stock.reserved() + " units reserved by unpaid orders; on hand cannot be "
                            + onHand + ".");
        }
        stock.setOnHand(onHand);
        return stock;
    }

    /** Units available to sell now, per SKU (missing SKUs are absent). Reads only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, Integer> available(java.util.Collection<Long> skuIds) {
        SortedMap<Long, Integer> result = new TreeMap<>();
        if (skuIds.isEmpty()) {
            return result;
        }
        inventory.createQuery("select s from Stock s where s.skuId in :ids", Stock.class)
                .setParameter("ids", skuIds)
                .getResultList()
                .forEach(stock -> result.put(stock.skuId(), stock.available()));
        return result;
    }
}
