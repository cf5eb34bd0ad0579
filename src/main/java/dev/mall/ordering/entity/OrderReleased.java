package dev.mall.ordering.entity;

/**
 * Fired (CDI, synchronously, inside the transaction) when an unpaid order expired or was cancelled, just before its
 * units are released, so that other domains can undo what they hold for it in the same transaction (a flash sale's
 * per-customer count, whose row must be locked before the stock's) or after it commits.
 */
public record OrderReleased(long orderId, long customerId, Long flashSaleId, int units) {
}
