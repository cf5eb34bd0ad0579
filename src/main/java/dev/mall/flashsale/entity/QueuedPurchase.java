package dev.mall.flashsale.entity;

import java.time.Instant;

/** A purchase that passed a queued sale's gate and waits in the queue for its order: what its message carries. */
public record QueuedPurchase(String ticketId, long saleId, long customerId, String idempotencyKey, int units,
                             Instant acceptedAt) {
}
