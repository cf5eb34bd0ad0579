/**
 * The cart: one per customer, the units of each SKU the customer means to buy (orders database). It holds no prices;
 * it shows the catalog's current ones, and ordering the cart takes the order's own price snapshot and empties the
 * cart in the order's XA transaction.
 */
package dev.mall.cart;
