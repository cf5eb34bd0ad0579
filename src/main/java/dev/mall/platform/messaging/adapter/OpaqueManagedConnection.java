package dev.mall.platform.messaging.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * An Artemis managed connection as Liberty's pool and transaction manager hold it, with the Artemis objects (and so
 * the client session's broker password) out of reach of FFDC dumps: the delegate sits in an {@link AtomicReference}
 * and its XA resource is handed out behind an {@link OpaqueXAResource}. Every call is passed on, the container's
 * credentials as made for the Artemis factory ({@link OpaqueManagedConnectionFactory#forArtemis}); the connection
 * events Artemis sends name this wrapper as their source, the managed connection Liberty knows.
 */
public final class OpaqueManagedConnection implements ManagedConnection {

    private final AtomicReference<ManagedConnection> artemis;
    private final OpaqueManagedConnectionFactory factory;
    private final Map<ConnectionEventListener, ConnectionEventListener> relays = new ConcurrentHashMap<>();

    OpaqueManagedConnection(ManagedConnection artemis, OpaqueManagedConnectionFactory factory) {
        this.artemis = new AtomicReference<>(artemis);
        this.factory = factory;
    }

    ManagedConnection artemis() {
        return artemis.get();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return artemis().getConnection(factory.forArtemis(subject), info);
    }

    @Override
    public void destroy() throws ResourceException {
        artemis().destroy();
    }

    @Override
    public void cleanup() throws ResourceException {
        artemis().cleanup();
    }

    @Override
    public void associateConnection(Object handle) throws ResourceException {
        artemis().associateConnection(handle);
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        ConnectionEventListener relay = relays.computeIfAbsent(listener, this::relayTo);
        artemis().addConnectionEventListener(relay);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        ConnectionEventListener relay = relays.remove(listener);
        if (relay != null) {
            artemis().removeConnectionEventListener(relay);
        }
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        return OpaqueXAResource.of(artemis().getXAResource());
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        return artemis().getLocalTransaction();
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        return artemis().getMetaData();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws ResourceException {
        artemis().setLogWriter(out);
    }

    @Override
    public PrintWriter getLogWriter() throws ResourceException {
        return artemis().getLogWriter();
    }

    @Override
    public String toString() {
        return "OpaqueManagedConnection";
    }

    /** A listener passing Artemis' events on to {@code listener} as events of this connection. */
    private ConnectionEventListener relayTo(ConnectionEventListener listener) {
        return new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                listener.connectionClosed(ours(event));
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
                listener.localTransactionStarted(ours(event));
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
                listener.localTransactionCommitted(ours(event));
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
                listener.localTransactionRolledback(ours(event));
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
                listener.connectionErrorOccurred(ours(event));
            }
        };
    }

    private ConnectionEvent ours(ConnectionEvent event) {
        ConnectionEvent ours = event.getException() == null
                ? new ConnectionEvent(this, event.getId())
                : new ConnectionEvent(this, event.getId(), event.getException());
        ours.setConnectionHandle(event.getConnectionHandle());
        return ours;
    }
}
