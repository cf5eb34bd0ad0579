package dev.mall.ordering.entity;

/** What a coupon takes off: a fixed amount, or a percentage of the order's subtotal. */
public enum CouponKind {
    AMOUNT, PERCENT
}
