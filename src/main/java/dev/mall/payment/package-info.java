/**
 * Payments through the payment provider (orders database): the customer pays on the provider's hosted checkout page,
 * the provider answers through an HMAC-signed callback (retried until the shop answers 2xx), and a succeeded payment
 * is recorded together with a PaymentSucceeded message in one XA transaction. Refunds, whole or in parts, are asked of
 * the provider and recorded on the payment. The provider itself is the separate application {@code dev.mall.provider}.
 */
package dev.mall.payment;
