/**
 * The test probe: a small application deployed beside mall on the test server only, for CrashRecoveryIT. It uses the
 * server's real resources (both XA datasources through two JTA persistence units, the Artemis resource adapter): a
 * request transaction writes both databases and sends a message, an MDB transaction receives it and writes both again,
 * and the test kills the server with both kinds in flight. It owns two tables, created in both databases at start.
 * <p>
 * What the probe used to show on a running server — one transaction across three resources, committed and rolled
 * back, and a delayed delivery — the in-container tests now show on the shop's own beans (it.dev.mall.container). A
 * kill -9 of the server is what they cannot do: Arquillian's test runs inside the server it would kill.
 */
package it.dev.mall.probe;
