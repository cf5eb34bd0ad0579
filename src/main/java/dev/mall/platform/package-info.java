/**
 * Cross-cutting plumbing only, no business rules: problem+json error mapping, reading query parameters (with 400s
 * naming them), schema migrations, the Redis client, health checks and the Artemis resource adapter's recovery
 * support. Domains depend on it; it depends on no domain.
 */
package dev.mall.platform;
