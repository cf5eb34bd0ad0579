/**
 * In-container tests (Arquillian, Liberty managed container): the shop's own WAR with these classes added, deployed
 * into a Liberty server of their own ("mall-arq", src/test/liberty/arquillian) that runs after the test server has
 * stopped, on the same databases, broker and Redis. The tests call the shop's beans directly and watch what only the
 * container shows: the transactions it opens, the message-driven beans it invokes, each delivery and its outcome.
 * <p>
 * What the deployment adds to the shop, all test-only: {@link it.dev.mall.container.ConflictingStockReservations}
 * and {@link it.dev.mall.container.ObservedPaidOrders} (CDI alternatives of the shop's beans, inert until a test arms
 * them), {@link it.dev.mall.container.DeliveryLog} (an interceptor on the shop's message-driven beans, bound in the
 * deployment's ejb-jar.xml) and a plain Artemis client (the jars of the resource adapter's client) for what a
 * producer outside the server does.
 */
package it.dev.mall.container;
