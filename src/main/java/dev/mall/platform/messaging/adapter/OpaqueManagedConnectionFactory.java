package dev.mall.platform.messaging.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.io.Serial;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.ra.ActiveMQRAManagedConnectionFactory;

/**
 * The outbound connection factory's managed connection factory: Artemis' own, with every managed connection it makes
 * handed to Liberty behind an {@link OpaqueManagedConnection}.
 *
 * <p>Liberty's connection pool and transaction manager hold the managed connections of the outbound connection
 * factory ({@code jms/mall}), and an FFDC incident around a failed send or XA commit prints them field by field — down
 * to the Artemis client session, whose {@code password} field holds the broker password. The Artemis factory is final,
 * so this one passes every call on to it (kept in an {@link AtomicReference}, which FFDC does not open, like
 * {@link OpaqueXAResource}) and translates at the edges: connections out are wrapped, connections in are unwrapped, and
 * the container's credentials are handed to Artemis as if Liberty had made them for the Artemis factory (Artemis looks
 * for the {@link PasswordCredential} naming its own factory).
 *
 * <p>The connection factory it makes is the Artemis one, given a connection manager that asks Liberty for connections
 * of this factory instead of the Artemis one it is told about ({@link RoutingConnectionManager}): that way every
 * connection the application gets was made, matched and pooled through here.
 *
 * <p>Configured as {@code managedconnectionfactory-class} in ra.xml, with the Artemis factory's three properties that
 * ra.xml declares.
 */
public class OpaqueManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    @Serial
    private static final long serialVersionUID = 1L;

    private final AtomicReference<ActiveMQRAManagedConnectionFactory> artemis =
            new AtomicReference<>(new ActiveMQRAManagedConnectionFactory());

    ActiveMQRAManagedConnectionFactory artemis() {
        return artemis.get();
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        return artemis().createConnectionFactory(new RoutingConnectionManager(manager, this));
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return artemis().createConnectionFactory();
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        return new OpaqueManagedConnection(artemis().createManagedConnection(forArtemis(subject), info), this);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        Subject theirs = forArtemis(subject);
        for (Object candidate : candidates) {
            if (candidate instanceof OpaqueManagedConnection opaque
                    && artemis().matchManagedConnections(Set.of(opaque.artemis()), theirs, info) != null) {
                return opaque;
            }
        }
        return null;
    }

    /**
     * The subject with each password credential Liberty made for this factory made again for the Artemis one (the
     * same user and password), which is the one Artemis looks for when it makes, matches or hands out a connection;
     * null stays null (application authentication).
     */
    Subject forArtemis(Subject subject) {
        if (subject == null) {
            return null;
        }
        Subject theirs = new Subject();
        theirs.getPrincipals().addAll(subject.getPrincipals());
        theirs.getPublicCredentials().addAll(subject.getPublicCredentials());
        for (Object credential : subject.getPrivateCredentials()) {
            if (credential instanceof PasswordCredential password && password.getManagedConnectionFactory() == this) {
                PasswordCredential copy = new PasswordCredential(password.getUserName(), password.getPassword());
                copy.setManagedConnectionFactory(artemis());
                theirs.getPrivateCredentials().add(copy);
            } else {
                theirs.getPrivateCredentials().add(credential);
            }
        }
        return theirs;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return artemis().getResourceAdapter();
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        artemis().setResourceAdapter(adapter);
    }

    @Override
    public void setLogWriter(PrintWriter out) throws ResourceException {
        artemis().setLogWriter(out);
    }

    @Override
    public PrintWriter getLogWriter() throws ResourceException {
        return artemis().getLogWriter();
    }

    // The properties ra.xml declares for the connection definition, passed on.

    public String getSessionDefaultType() {
        return artemis().getSessionDefaultType();
    }

    public void setSessionDefaultType(String type) {
        artemis().setSessionDefaultType(type);
    }

    public Boolean getInJtaTransaction() {
        return artemis().getInJtaTransaction();
    }

    public void setInJtaTransaction(Boolean inJtaTransaction) {
        artemis().setInJtaTransaction(inJtaTransaction);
    }

    public Integer getUseTryLock() {
        return artemis().getUseTryLock();
    }

    public void setUseTryLock(Integer seconds) {
        artemis().setUseTryLock(seconds);
    }

    // Identity, as Liberty's pool and the connection manager know this factory by.

    @Override
    public boolean equals(Object other) {
        return other == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "OpaqueManagedConnectionFactory";
    }
}
