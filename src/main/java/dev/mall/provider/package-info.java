/**
 * A mock payment provider of its own: a separate web application ({@code mall-provider.war}, context root
 * {@code /provider}) with its own database ({@code MALL_DB_PROVIDER}) and secrets. The shop sends the customer to its
 * hosted checkout page; the customer's choice there becomes a charge, and the provider tells the shop with a signed
 * webhook that it retries with backoff until the shop answers 2xx. The shop refunds through its signed refund API.
 * It shares no code and no tables with the shop: only the HTTP contract (API.md "Payments through a hosted checkout").
 */
package dev.mall.provider;
