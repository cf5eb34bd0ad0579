package dev.mall.payment.entity;

public enum PaymentStatus {
    PENDING, SUCCEEDED, FAILED, REFUNDED
}
