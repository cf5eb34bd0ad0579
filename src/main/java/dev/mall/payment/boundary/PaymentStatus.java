package dev.mall.payment.boundary;

public enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED, REFUNDED
}
