package it.dev.mall.faults;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * Looks into the Artemis broker the way a transaction manager and an operator would: the XA transactions it holds
 * prepared ({@code XAResource.recover}, what Liberty's recovery asks too) and queue figures from its management
 * address. A fresh connection per question, so a restarted broker is simply asked again.
 */
final class BrokerProbe {

    static final String EXPIRY_QUEUE = "mall.reservation-expiry";

    private final String url;
    private final String user = System.getenv("MALL_BROKER_USER");
    private final String password = System.getenv("MALL_BROKER_PASSWORD");

    /** The backup's port of a primary/backup pair (MALL_BROKER_HA=on), or null for one broker. */
    private final String backupPort = System.getenv("MALL_BROKER_BACKUP_PORT");

    BrokerProbe() {
        URI broker = URI.create(System.getenv().getOrDefault("MALL_BROKER_URL", "tcp://127.0.0.1:61636"));
        String primary = "tcp://" + broker.getHost() + ":" + broker.getPort();
        // With a pair, whichever of the two is active answers (a waiting backup has no acceptor open).
        this.url = backupPort == null ? primary : "(" + primary + ",tcp://" + broker.getHost() + ":" + backupPort + ")";
    }

    /** Whether the broker is a primary/backup pair (bin/mall faults --broker-ha). */
    boolean pair() {
        return backupPort != null;
    }

    /** The ids of the XA branches the broker holds prepared, as {@code formatId:gtrid:bqual} hex. */
    List<String> preparedXids() {
        try (ServerLocator locator = locator(); ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, true, false, false, false, 1)) {
            Xid[] xids = session.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            return Stream.of(xids).map(BrokerProbe::hex).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot ask the broker at " + url + " for prepared transactions", e);
        }
    }

    /** Messages waiting for their delivery time (ReservationExpiry timers). */
    long scheduled(String queue) {
        return ((Number) attribute(queue, "scheduledCount")).longValue();
    }

    /** Every message of the queue: waiting for its delivery time, ready, or delivered and not yet acknowledged. */
    long messages(String queue) {
        return ((Number) attribute(queue, "messageCount")).longValue();
    }

    private Object attribute(String queue, String attribute) {
        try (ServerLocator locator = locator(); ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            ClientRequestor requestor = new ClientRequestor(session, "activemq.management");
            session.start();
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute);
            ClientMessage reply = requestor.request(request, 10_000);
            if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("broker did not answer " + attribute + " of " + queue);
            }
            return ManagementHelper.getResult(reply);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + queue + " at " + url, e);
        }
    }

    private ServerLocator locator() throws Exception {
        return ActiveMQClient.createServerLocator(url).setCallTimeout(10_000).setReconnectAttempts(0)
                .setInitialConnectAttempts(1);
    }

    private static String hex(Xid xid) {
        java.util.HexFormat hex = java.util.HexFormat.of();
        return xid.getFormatId() + ":" + hex.formatHex(xid.getGlobalTransactionId()) + ":"
                + hex.formatHex(xid.getBranchQualifier());
    }
}
