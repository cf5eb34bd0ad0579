package dev.mall.ordering.control;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentStatus;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of orders. Each call runs in a (read-only, one-phase) JTA transaction: a container-managed EntityManager used
 * outside one lives in a Liberty local transaction containment and is closed after it ends, which Liberty reports as
 * failed connection reassociations (DSRA9400E, J2CA0026E) and answers by destroying the connection.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class OrderQueries {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    public Optional<CustomerOrder> byIdempotencyKey(long customerId, String key) {
        return orders.createQuery("select distinct o from CustomerOrder o left join fetch o.lines"
                        + " where o.customerId = :customer and o.idempotencyKey = :key", CustomerOrder.class)
                .setParameter("customer", customerId)
                .setParameter("key", key)
                .getResultStream().findFirst();
    }

    /** The caller's order; a missing order and another customer's order are the same 404. */
    public CustomerOrder ownedBy(long customerId, long orderId) {
        return orders.createQuery("select distinct o from CustomerOrder o left join fetch o.lines where o.id = :id",
                        CustomerOrder.class)
                .setParameter("id", orderId)
                .getResultStream()
                .filter(order -> order.belongsTo(customerId))
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("Order " + orderId));
    }

    public record Page(List<CustomerOrder> items, int page, int size, long total) {
    }

    public Page ofCustomer(long customerId, OrderStatus status, int page, int size) {
        return page(customerId, status, page, size);
    }

    /** Every customer's orders (administration), newest first. */
    public Page all(OrderStatus status, int page, int size) {
        return page(null, status, page, size);
    }

    /** Any customer's order (administration); 404 if there is none. */
    public CustomerOrder byId(long orderId) {
        return orders.createQuery("select distinct o from CustomerOrder o left join fetch o.lines where o.id = :id",
                        CustomerOrder.class)
                .setParameter("id", orderId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("Order " + orderId));
    }

    private Page page(Long customerId, OrderStatus status, int page, int size) {
        List<String> conditions = new ArrayList<>();
        if (customerId != null) {
            conditions.add("o.customerId = :customer");
        }
        if (status != null) {
            conditions.add("o.status = :status");
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        TypedQuery<Long> count = orders.createQuery("select count(o) from CustomerOrder o" + where, Long.class);
        TypedQuery<Long> ids = orders.createQuery("select o.id from CustomerOrder o" + where
                        + " order by o.createdAt desc, o.id desc", Long.class)
                .setFirstResult(page * size)
                .setMaxResults(size);
        if (customerId != null) {
            count.setParameter("customer", customerId);
            ids.setParameter("customer", customerId);
        }
        if (status != null) {
            count.setParameter("status", status);
            ids.setParameter("status", status);
        }
        List<Long> pageIds = ids.getResultList();
        List<CustomerOrder> items = pageIds.isEmpty() ? List.of() : orders.createQuery(
                        "select distinct o from CustomerOrder o left join fetch o.lines where o.id in :ids"
                                + " order by o.createdAt desc, o.id desc", CustomerOrder.class)
                .setParameter("ids", pageIds)
                .getResultList();
        return new Page(items, page, size, count.getSingleResult());
    }

    /** Customer, Idempotency-Key and units of every order of a flash sale, whatever its status. */
    public List<Object[]> keysOfFlashSale(long saleId) {
        return orders.createQuery("select o.customerId, o.idempotencyKey, sum(l.quantity) from CustomerOrder o"
                        + " join o.lines l where o.flashSaleId = :sale group by o.id, o.customerId, o.idempotencyKey",
                        Object[].class)
                .setParameter("sale", saleId)
                .getResultList();
    }

    /** Unpaid orders whose reservation ran out before {@code before}, oldest first. */
    public List<Long> overdue(Instant before, int limit) {
        return orders.createQuery("select o.id from CustomerOrder o where o.status = :status and o.expiresAt < :before"
                        + " order by o.expiresAt", Long.class)
                .setParameter("status", OrderStatus.PENDING_PAYMENT)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Succeeded payments settled in [{@code from}, {@code before}) that their order does not name (it was neither paid by
     * them nor refunded for them by PaidOrders), oldest first. Normally empty: PaymentSucceeded was applied within a
     * second of the callback.
     */
    public List<Long> unappliedPayments(Instant from, Instant before, int limit) {
        return orders.createQuery("select p.id from Payment p, CustomerOrder o where o.id = p.orderId"
                        + " and p.status = :succeeded and p.updatedAt >= :from and p.updatedAt < :before"
                        + " and (o.paymentId is null or o.paymentId <> p.id) order by p.updatedAt", Long.class)
                .setParameter("succeeded", PaymentStatus.SUCCEEDED)
                .setParameter("from", from)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Status of each order that has a line for one of {@code skuIds} (all orders if empty), for the stock audit. */
    public Map<Long, OrderStatus> statusesForSkus(Collection<Long> skuIds) {
        List<Object[]> rows = skuIds.isEmpty()
                ? orders.createQuery("select o.id, o.status from CustomerOrder o", Object[].class).getResultList()
                : orders.createQuery("select distinct o.id, o.status from CustomerOrder o join o.lines l"
                        + " where l.skuId in :skus", Object[].class).setParameter("skus", skuIds).getResultList();
        Map<Long, OrderStatus> statuses = new HashMap<>();
        rows.forEach(row -> statuses.put((Long) row[0], (OrderStatus) row[1]));
        return statuses;
    }
}
