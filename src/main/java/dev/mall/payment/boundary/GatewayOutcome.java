package dev.mall.payment.boundary;

/** What the (mock) gateway says about a payment. */
public enum GatewayOutcome {
    SUCCESS, FAILURE
}
