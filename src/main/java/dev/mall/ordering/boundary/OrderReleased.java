package dev.mall.ordering.boundary;

/**
 * Fired (CDI, synchronously, inside the transaction) when an unpaid order expired or was cancelled and its units were
 * released, so that other domains can undo what they hold for it in the same transaction (a flash sale's
 * per-customer count) or after it commits.
 */
public record OrderReleased(long orderId, long customerId, Long flashSaleId, int units) {
}
