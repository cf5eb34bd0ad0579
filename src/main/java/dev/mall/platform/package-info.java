/**
 * Cross-cutting plumbing only, no business rules: problem+json error mapping, reading query parameters (with 400s
 * naming them), schema migrations, the Redis client, health checks, the Artemis resource adapter's recovery
 * support, the transaction log's SQL for MariaDB/MySQL ({@code tranlog}), running an action after commit
 * ({@code transaction}), gauges of in-doubt XA branches and dead letters ({@code monitoring}), the log records'
 * context fields ({@code logging}), traces through requests, JMS deliveries and the payment callback
 * ({@code tracing}) and the test servers' fault hooks ({@code faults}). Domains depend on it; it depends on no domain.
 */
package dev.mall.platform;
