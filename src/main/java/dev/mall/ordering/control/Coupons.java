package dev.mall.ordering.control;

import dev.mall.ordering.boundary.OrderReleased;
import dev.mall.ordering.entity.Coupon;
import dev.mall.ordering.entity.CouponKind;
import dev.mall.ordering.entity.CouponRedemption;
import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.platform.domain.Refusal;
import dev.mall.platform.persistence.Conflicts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Coupons: created by administrators, redeemed in the placing transaction of the order that carries one, given back
 * in the transaction that cancels or expires it (observing {@link OrderReleased}), kept when it is paid.
 * <p>
 * Redeeming locks the coupon's row (orders database) and holds it to the commit: the total and per-customer limits
 * are checked against the latest committed redemptions, so the last coupon under a crowd goes to exactly one order and
 * a customer's concurrent orders count each other. The row is locked after the order's insert and its expiry message,
 * before any stock row — as a give-back locks it after the order row and before the stock rows it releases — so every
 * use case takes the locks of the two databases in one order (docs/MONEY-PATH.md "Failures").
 */
@ApplicationScoped
public class Coupons {

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    @Inject
    Clock clock;

    /** A new coupon; 409 {@code coupon-code-taken} if the code exists. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Coupon create(String code, CouponKind kind, BigDecimal value, BigDecimal minSpend, Instant startsAt,
                         Instant endsAt, Integer totalLimit, Integer perCustomerLimit) {
        Coupon coupon = new Coupon(code, kind, value, minSpend, startsAt, endsAt, totalLimit, perCustomerLimit,
                clock.instant());
        try {
            orders.persist(coupon);
            orders.flush();
        } catch (PersistenceException e) {
            if (Conflicts.isUniqueKeyViolation(e, Coupon.CODE_KEY)) {
                throw new Refusal("coupon-code-taken", "A coupon with the code " + code + " exists.");
            }
            throw e;
        }
        return coupon;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Coupon byCode(String code) {
        return find(code, LockModeType.NONE).orElseThrow(() -> Refusal.notFound("Coupon " + code));
    }

    /**
     * Redeems {@code code} for the new {@code order} (inserted, not yet holding stock) in the caller's transaction:
     * the discount is taken off the order's total. 422 {@code coupon-invalid} for an unknown code or one whose rules
     * refuse the order; the caller's transaction then rolls back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void redeem(CustomerOrder order, String code) {
        Coupon coupon = find(code, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new Refusal("coupon-invalid", "There is no coupon " + code + "."));
        Instant now = clock.instant();
        long held = orders.createQuery("select count(r) from CouponRedemption r where r.couponId = :coupon"
                        + " and r.customerId = :customer and r.status = :redeemed", Long.class)
                .setParameter("coupon", coupon.id())
                .setParameter("customer", order.customerId())
                .setParameter("redeemed", CouponRedemption.REDEEMED)
                .getSingleResult();
        BigDecimal discount = coupon.redeem(order.subtotal(), (int) held, now);
        order.applyCoupon(coupon.code(), discount);
        orders.persist(new CouponRedemption(coupon.id(), order.customerId(), order.id(), discount, now));
        orders.flush();
    }

    /** The order was cancelled or expired: its coupon, if any, may be used again (in the same transaction). */
    void released(@Observes OrderReleased released) {
        Optional<CouponRedemption> redemption = orders.createQuery("select r from CouponRedemption r"
                        + " where r.orderId = :order", CouponRedemption.class)
                .setParameter("order", released.orderId())
                .getResultStream().findFirst();
        if (redemption.isEmpty()) {
            return;
        }
        Coupon coupon = orders.createQuery("select c from Coupon c where c.id = :id", Coupon.class)
                .setParameter("id", redemption.get().couponId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
        if (redemption.get().giveBack(clock.instant())) {
            coupon.giveBack();
        }
        orders.flush();
    }

    private Optional<Coupon> find(String code, LockModeType lock) {
        return orders.createQuery("select c from Coupon c where c.code = :code", Coupon.class)
                .setParameter("code", code)
                .setLockMode(lock)
                .getResultStream().findFirst();
    }
}
