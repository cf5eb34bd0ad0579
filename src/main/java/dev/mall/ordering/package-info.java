/**
 * Ordering: orders and their lines (price snapshot), the order state machine and idempotency keys (orders database).
 * Placing, paying, cancelling and expiring an order each change the order, its stock reservation and the broker in
 * one XA transaction.
 */
package dev.mall.ordering;
