package dev.mall.inventory.entity;

public enum ReservationStatus {
    RESERVED, CONFIRMED, RELEASED
}
