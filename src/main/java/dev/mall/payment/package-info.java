/**
 * Payments through a mock gateway (orders database): a payment is started by the customer, the gateway answers through
 * an HMAC-signed callback, and a succeeded payment is recorded together with a PaymentSucceeded message in one XA
 * transaction. Refunds of payments that arrive for orders no longer payable.
 */
package dev.mall.payment;
