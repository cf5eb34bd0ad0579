package dev.mall.ordering.control;

import dev.mall.inventory.boundary.Inventory;
import dev.mall.ordering.control.OrderTransitions.Target;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderLine;
import dev.mall.ordering.entity.OrderReturn;
import dev.mall.ordering.entity.OrderStatus;
import dev.mall.payment.boundary.PaymentLedger;
import dev.mall.platform.domain.Money;
import dev.mall.platform.domain.PaymentId;
import dev.mall.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Returns of shipped goods. A customer asks to return units of a SHIPPED or COMPLETED order, at most what was shipped
 * less what other returns (not rejected) already claim; an administrator approves — the return's amount refunded
 * through the payment provider and, with restock, the units back on the shelf, one XA transaction — or rejects.
 * <p>
 * Every step locks the order row first, through the order template ({@link OrderTransitions}): two returns requested
 * at once count each other, and two approvals of one return at once refund once (the second finds it REFUNDED: 409
 * return-state). Then the return's row, the payment's (the refund), and last the stock rows (the restock): the lock
 * order of every use case (docs/MONEY-PATH.md "Failures"). The refund key is {@code return-{id}}, so a provider that
 * refunded before the transaction rolled back refunds nothing twice when the approval is repeated.
 */
@ApplicationScoped
public class OrderReturns {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    PaymentLedger payments;

    @Inject
    Inventory stock;

    @Inject
    OrderEvents events;

    @Inject
    Clock clock;

    @Inject
    OrderTransitions transitions;

    /** {@code units}: SKU id → units, the same SKU already summed. */
    public <V> V request(long customerId, long orderId, SortedMap<Long, Integer> units, String reason,
                         Function<OrderReturn, V> answer) {
        return transitions.apply(Target.own(customerId, orderId), OrderTransition.checking((order, now) -> {
            if (order.status() != OrderStatus.SHIPPED && order.status() != OrderStatus.COMPLETED) {
                throw new Refusal("order-state", "Order " + orderId + " is " + order.status()
                        + "; only a SHIPPED or COMPLETED order can be returned.");
            }
        }), order -> answer.apply(requestOf(order, units, reason)));
    }

    private OrderReturn requestOf(CustomerOrder order, SortedMap<Long, Integer> units, String reason) {
        Map<Long, Integer> claimed = claimed(order.id());
        List<Refusal.Field> wrong = new ArrayList<>();
        for (Map.Entry<Long, Integer> line : units.entrySet()) {
            int shipped = order.lines().stream().filter(l -> l.skuId() == line.getKey())
                    .mapToInt(OrderLine::quantity).sum();
            int left = shipped - claimed.getOrDefault(line.getKey(), 0);
            if (shipped == 0) {
                wrong.add(new Refusal.Field("lines", "SKU " + line.getKey() + " is not in order " + order.id()));
            } else if (line.getValue() > left) {
                wrong.add(new Refusal.Field("lines", "at most " + left + " unit(s) of SKU " + line.getKey()
                        + " can still be returned"));
            }
        }
        if (!wrong.isEmpty()) {
            throw Refusal.invalid(wrong);
        }
        OrderReturn requested = new OrderReturn(order, units, reason, clock.instant());
        orders.persist(requested);
        orders.flush();
        events.returned("ReturnRequested", order, requested.id(), requested.amount());
        return requested;
    }

    /** The order's returns, oldest first; 404 if the order is not the customer's. */
    @Transactional(Transactional.TxType.REQUIRED)
    public <V> List<V> ofOrder(long customerId, long orderId, Function<OrderReturn, V> answer) {
        CustomerOrder order = orders.find(CustomerOrder.class, orderId);
        if (order == null || !order.belongsTo(customerId)) {
            throw Refusal.notFound("Order " + orderId);
        }
        return orders.createQuery("select r from OrderReturn r where r.orderId = :order order by r.id",
                OrderReturn.class).setParameter("order", orderId).getResultStream().map(answer).toList();
    }

    /** Approves a requested return: its amount refunded and, with {@code restock}, its units back on the shelf. */
    @Transactional(Transactional.TxType.REQUIRED)
    public <V> V approve(long returnId, boolean restock, Function<OrderReturn, V> answer) {
        return decide(returnId, (order, locked) -> {
            locked.refund(restock, clock.instant());
            PaymentId payment = order.payment()
                    .orElseThrow(() -> new IllegalStateException("order " + order.id() + " has no payment to refund"));
            BigDecimal amount = locked.amount().min(payments.refundable(payment).amount());
            if (amount.signum() > 0) {
                // The provider's refusal (a Refusal) rolls the whole approval back: nothing refunded, nothing restocked.
                payments.refundOrder(order.orderId(), payment, Optional.of(new Money(amount)), "return-" + returnId,
                        "return " + returnId + " of order " + order.number());
            }
            if (restock) {
                SortedMap<Long, Integer> units = new TreeMap<>();
                locked.lines().forEach(line -> units.merge(line.skuId(), line.quantity(), Integer::sum));
                stock.restock(order.orderId(), units);
            }
            orders.flush();
            events.returned("ReturnRefunded", order, returnId, amount);
            return answer.apply(locked);
        });
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public <V> V reject(long returnId, Function<OrderReturn, V> answer) {
        return decide(returnId, (order, locked) -> {
            locked.reject(clock.instant());
            orders.flush();
            events.returned("ReturnRejected", order, returnId, locked.amount());
            return answer.apply(locked);
        });
    }

    /**
     * Decides a return under its order's lock (the template: 404 for an unknown return) and then its own row's (read
     * under the lock, never from before it).
     */
    private <V> V decide(long returnId, BiFunction<CustomerOrder, OrderReturn, V> decision) {
        Long orderId = orders.createQuery("select r.orderId from OrderReturn r where r.id = :id", Long.class)
                .setParameter("id", returnId).getResultStream().findFirst()
                .orElseThrow(() -> Refusal.notFound("Return " + returnId));
        return transitions.apply(Target.any(orderId), OrderTransition.checking((order, now) -> { }), order -> {
            OrderReturn locked = orders.createQuery("select r from OrderReturn r where r.id = :id", OrderReturn.class)
                    .setParameter("id", returnId)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getSingleResult();
            return decision.apply(order, locked);
        });
    }

    /** Units per SKU that the order's returns claim: requested or refunded, not rejected. */
    private Map<Long, Integer> claimed(long orderId) {
        Map<Long, Integer> claimed = new TreeMap<>();
        orders.createQuery("select l.skuId, sum(l.quantity) from OrderReturn r join r.lines l"
                        + " where r.orderId = :order and r.status <> :rejected group by l.skuId", Object[].class)
                .setParameter("order", orderId)
                .setParameter("rejected", OrderReturn.Status.REJECTED)
                .getResultList()
                .forEach(row -> claimed.put((Long) row[0], ((Number) row[1]).intValue()));
        return claimed;
    }
}
