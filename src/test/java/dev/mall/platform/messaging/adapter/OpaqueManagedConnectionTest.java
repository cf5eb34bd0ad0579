package dev.mall.platform.messaging.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.security.PasswordCredential;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.apache.activemq.artemis.ra.ActiveMQRACredential;
import org.junit.jupiter.api.Test;

class OpaqueManagedConnectionTest {

    /** A managed connection that records its listeners and calls and holds a secret, as Artemis' does (its session). */
    private static final class ArtemisLike implements ManagedConnection {
        @SuppressWarnings("unused")
        private final String password = "broker-secret-" + UUID.randomUUID();
        final List<ConnectionEventListener> listeners = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        final List<Subject> subjects = new ArrayList<>();
        final XAResource xa = new XAResource() {
            @Override public void commit(Xid xid, boolean onePhase) { calls.add("commit"); }
            @Override public void end(Xid xid, int flags) { }
            @Override public void forget(Xid xid) { }
            @Override public int getTransactionTimeout() { return 0; }
            @Override public boolean isSameRM(XAResource other) { return other == this; }
            @Override public int prepare(Xid xid) { return XA_OK; }
            @Override public Xid[] recover(int flag) { return new Xid[0]; }
            @Override public void rollback(Xid xid) { }
            @Override public boolean setTransactionTimeout(int seconds) { return true; }
            @Override public void start(Xid xid, int flags) { calls.add("start"); }
        };

        @Override public Object getConnection(Subject subject, ConnectionRequestInfo info) {
            subjects.add(subject);
            return "handle";
        }
        @Override public void destroy() { calls.add("destroy"); }
        @Override public void cleanup() { calls.add("cleanup"); }
        @Override public void associateConnection(Object handle) { calls.add("associate " + handle); }
        @Override public void addConnectionEventListener(ConnectionEventListener l) { listeners.add(l); }
        @Override public void removeConnectionEventListener(ConnectionEventListener l) { listeners.remove(l); }
        @Override public XAResource getXAResource() { return xa; }
        @Override public LocalTransaction getLocalTransaction() { return null; }
        @Override public ManagedConnectionMetaData getMetaData() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public PrintWriter getLogWriter() { return null; }

        void send(int id, Exception failure) {
            ConnectionEvent event = failure == null ? new ConnectionEvent(this, id) : new ConnectionEvent(this, id, failure);
            event.setConnectionHandle("handle");
            List.copyOf(listeners).forEach(l -> {
                if (id == ConnectionEvent.CONNECTION_CLOSED) {
                    l.connectionClosed(event);
                } else {
                    l.connectionErrorOccurred(event);
                }
            });
        }
    }

    /** Liberty's side: the events it got. */
    private static final class Pool implements ConnectionEventListener {
        final List<ConnectionEvent> events = new ArrayList<>();

        @Override public void connectionClosed(ConnectionEvent event) { events.add(event); }
        @Override public void localTransactionStarted(ConnectionEvent event) { events.add(event); }
        @Override public void localTransactionCommitted(ConnectionEvent event) { events.add(event); }
        @Override public void localTransactionRolledback(ConnectionEvent event) { events.add(event); }
        @Override public void connectionErrorOccurred(ConnectionEvent event) { events.add(event); }
    }

    @Test
    void passesCallsOnAndItsXaResourceIsOpaqueToo() throws Exception {
        ArtemisLike artemis = new ArtemisLike();
        OpaqueManagedConnection opaque = new OpaqueManagedConnection(artemis, new OpaqueManagedConnectionFactory());
        assertThat(opaque.getConnection(null, null)).isEqualTo("handle");
        opaque.associateConnection("other");
        opaque.cleanup();
        XAResource xa = opaque.getXAResource();
        xa.start(null, XAResource.TMNOFLAGS);
        xa.commit(null, true);
        opaque.destroy();
        assertThat(artemis.calls).containsExactly("associate other", "cleanup", "start", "commit", "destroy");
        assertThat(xa).isInstanceOf(OpaqueXAResource.class);
        assertThat(xa.isSameRM(artemis.xa)).isTrue();
    }

    @Test
    void libertyHearsArtemisEventsAsEventsOfTheConnectionItKnows() {
        ArtemisLike artemis = new ArtemisLike();
        OpaqueManagedConnection opaque = new OpaqueManagedConnection(artemis, new OpaqueManagedConnectionFactory());
        Pool pool = new Pool();
        opaque.addConnectionEventListener(pool);
        IllegalStateException failure = new IllegalStateException("broker gone");

        artemis.send(ConnectionEvent.CONNECTION_CLOSED, null);
        artemis.send(ConnectionEvent.CONNECTION_ERROR_OCCURRED, failure);

        assertThat(pool.events).hasSize(2);
        assertThat(pool.events).allSatisfy(event -> {
            assertThat(event.getSource()).isSameAs(opaque);
            assertThat(event.getConnectionHandle()).isEqualTo("handle");
        });
        assertThat(pool.events.get(0).getId()).isEqualTo(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(pool.events.get(1).getId()).isEqualTo(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(pool.events.get(1).getException()).isSameAs(failure);

        opaque.removeConnectionEventListener(pool);
        assertThat(artemis.listeners).isEmpty();
        artemis.send(ConnectionEvent.CONNECTION_CLOSED, null);
        assertThat(pool.events).hasSize(2);
    }

    /**
     * As OpaqueXAResourceTest: each field FFDC can read holds only objects of packages it cannot open, or the opaque
     * factory, whose fields do the same.
     */
    @Test
    void aDumpOfTheConnectionCannotReachArtemisOrItsPassword() throws Exception {
        OpaqueManagedConnection opaque = new OpaqueManagedConnection(new ArtemisLike(), new OpaqueManagedConnectionFactory());
        assertNothingOpenBehind(opaque);
        assertThat(opaque).hasToString("OpaqueManagedConnection");
    }

    private static void assertNothingOpenBehind(Object wrapper) throws Exception {
        for (Field field : wrapper.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(wrapper);
            if (value instanceof OpaqueManagedConnectionFactory factory) {
                assertNothingOpenBehind(factory);
                continue;
            }
            Class<?> type = value.getClass();
            assertThat(type.getModule().isOpen(type.getPackageName()))
                    .as("%s holds a %s, which FFDC could open", field.getName(), type.getName()).isFalse();
            assertThat(String.valueOf(value)).doesNotContain("broker-secret");
            Field inside = type.getDeclaredFields()[0];
            assertThatThrownBy(() -> inside.setAccessible(true)).isInstanceOf(RuntimeException.class);
        }
    }

    /** Artemis looks up the credential again when it hands out a connection: it must find it there too. */
    @Test
    void theConnectionIsHandedOutWithTheCredentialAsArtemisLooksForIt() throws Exception {
        OpaqueManagedConnectionFactory factory = new OpaqueManagedConnectionFactory();
        ArtemisLike artemis = new ArtemisLike();
        OpaqueManagedConnection opaque = new OpaqueManagedConnection(artemis, factory);
        PasswordCredential liberty = new PasswordCredential("u-" + UUID.randomUUID(), "p".toCharArray());
        liberty.setManagedConnectionFactory(factory);
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(liberty);

        opaque.getConnection(subject, null);

        assertThat(artemis.subjects).singleElement().satisfies(theirs -> assertThat(
                theirs.getPrivateCredentials(PasswordCredential.class)).singleElement().satisfies(credential -> {
                    assertThat(credential.getManagedConnectionFactory()).isSameAs(factory.artemis());
                    assertThat(credential.getUserName()).isEqualTo(liberty.getUserName());
                }));
    }

    @Test
    void artemisFindsTheContainersCredentialAsItsOwn() throws Exception {
        OpaqueManagedConnectionFactory factory = new OpaqueManagedConnectionFactory();
        String user = "u-" + UUID.randomUUID();
        String password = "p-" + UUID.randomUUID();
        PasswordCredential liberty = new PasswordCredential(user, password.toCharArray());
        liberty.setManagedConnectionFactory(factory);
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(liberty);

        ActiveMQRACredential found = ActiveMQRACredential.getCredential(factory.artemis(), factory.forArtemis(subject), null);

        assertThat(found.getUserName()).isEqualTo(user);
        assertThat(found.getPassword()).isEqualTo(password);
        assertThat(factory.forArtemis(null)).isNull();
        assertThatThrownBy(() -> ActiveMQRACredential.getCredential(factory.artemis(), subject, null))
                .as("without the translation Artemis finds no credential of its own")
                .isInstanceOf(jakarta.resource.spi.SecurityException.class);
    }

    @Test
    void connectionsAreAskedOfLibertyForTheOpaqueFactoryWhicheverFactoryArtemisNames() throws Exception {
        OpaqueManagedConnectionFactory factory = new OpaqueManagedConnectionFactory();
        List<ManagedConnectionFactory> asked = new ArrayList<>();
        ConnectionManager liberty = (mcf, info) -> {
            asked.add(mcf);
            return "connection";
        };
        ConnectionManager routing = new RoutingConnectionManager(liberty, factory);

        assertThat(routing.allocateConnection(factory.artemis(), null)).isEqualTo("connection");
        assertThat(asked).containsExactly(factory);
        assertThat(factory.matchManagedConnections(Set.of(new ArtemisLike()), null, null))
                .as("only connections this factory made are matched").isNull();
    }

    @Test
    void theConnectionDefinitionsPropertiesReachArtemis() {
        OpaqueManagedConnectionFactory factory = new OpaqueManagedConnectionFactory();
        factory.setInJtaTransaction(false);
        factory.setUseTryLock(3);
        assertThat(factory.artemis().getInJtaTransaction()).isFalse();
        assertThat(factory.artemis().getUseTryLock()).isEqualTo(3);
        assertThat(factory.getUseTryLock()).isEqualTo(3);
    }
}
