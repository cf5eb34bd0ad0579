/**
 * Flash sales: a limited number of a SKU's units sold at a special price in a time window, at most N per customer.
 * The sale's units live in a stock pool of their own (inventory database); a Redis Lua gate answers sold-out and
 * over-limit requests without touching a database, and only requests that passed it place an order (the normal XA
 * transaction). The databases stay the source of truth: reconciliation rebuilds the gate from them.
 */
package dev.mall.flashsale;
