/**
 * Inventory: stock per SKU ({@code on_hand}, {@code reserved}, optimistic {@code @Version}) and the reservations that
 * orders hold against it (inventory database). Reserving is optimistic with bounded retry; releasing and confirming
 * take a row lock because a compensation must never fail for contention.
 */
package dev.mall.inventory;
