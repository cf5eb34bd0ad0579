/**
 * The test probe: a small application deployed beside mall on the test server only. It uses the server's real
 * resources (both XA datasources through two JTA persistence units, the Artemis resource adapter) so the platform
 * ITs can prove the server wiring itself: one transaction across three resources, delayed delivery to an MDB,
 * crash recovery. It owns two tables, created in both databases at start.
 */
package it.dev.mall.probe;
