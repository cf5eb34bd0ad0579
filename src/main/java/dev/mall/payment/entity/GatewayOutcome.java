package dev.mall.payment.entity;

/** What the (mock) gateway says about a payment. */
public enum GatewayOutcome {
    SUCCESS, FAILURE
}
