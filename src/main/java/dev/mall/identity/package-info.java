/**
 * Who is calling: shop accounts (customers and administrators), their passwords, and the RS256 access tokens that
 * prove a login. It owns the {@code customer} table of the orders database, issues tokens at {@code POST
 * /api/auth/login} and leaves their verification to Liberty's mpJwt; other domains learn the caller only through
 * {@link dev.mall.identity.boundary.CurrentCustomer}.
 */
package dev.mall.identity;
