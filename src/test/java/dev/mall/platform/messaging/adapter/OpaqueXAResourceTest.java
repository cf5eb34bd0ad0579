package dev.mall.platform.messaging.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

class OpaqueXAResourceTest {

    /** An XA resource that records what it was asked and holds a secret in a field, as Artemis' session does. */
    private static final class Session implements XAResource {
        @SuppressWarnings("unused")
        private final String password = "broker-secret-" + System.nanoTime();
        final List<String> calls = new ArrayList<>();

        @Override public void commit(Xid xid, boolean onePhase) { calls.add("commit " + onePhase); }
        @Override public void end(Xid xid, int flags) { calls.add("end " + flags); }
        @Override public void forget(Xid xid) { calls.add("forget"); }
        @Override public int getTransactionTimeout() { return 42; }
        @Override public boolean isSameRM(XAResource other) { return other == this; }
        @Override public int prepare(Xid xid) { calls.add("prepare"); return XA_OK; }
        @Override public Xid[] recover(int flag) { calls.add("recover " + flag); return new Xid[0]; }
        @Override public void rollback(Xid xid) { calls.add("rollback"); }
        @Override public boolean setTransactionTimeout(int seconds) { calls.add("timeout " + seconds); return true; }
        @Override public void start(Xid xid, int flags) { calls.add("start " + flags); }
    }

    @Test
    void passesEveryCallOnAndKnowsItsOwnResourceManager() throws Exception {
        Session session = new Session();
        XAResource opaque = OpaqueXAResource.of(session);
        opaque.start(null, XAResource.TMNOFLAGS);
        opaque.end(null, XAResource.TMSUCCESS);
        assertThat(opaque.prepare(null)).isEqualTo(XAResource.XA_OK);
        opaque.commit(null, false);
        opaque.rollback(null);
        opaque.forget(null);
        opaque.recover(XAResource.TMSTARTRSCAN);
        assertThat(opaque.setTransactionTimeout(7)).isTrue();
        assertThat(opaque.getTransactionTimeout()).isEqualTo(42);
        assertThat(session.calls).containsExactly("start 0", "end " + XAResource.TMSUCCESS, "prepare", "commit false",
                "rollback", "forget", "recover " + XAResource.TMSTARTRSCAN, "timeout 7");
        assertThat(opaque.isSameRM(OpaqueXAResource.of(session))).isTrue();
        assertThat(opaque.isSameRM(session)).isTrue();
        assertThat(opaque.isSameRM(OpaqueXAResource.of(new Session()))).isFalse();
        assertThat(OpaqueXAResource.of(opaque)).isSameAs(opaque);
        assertThat(OpaqueXAResource.of(null)).isNull();
    }

    /**
     * What Liberty's FFDC does with an object (IntrospectionLevelMember): reads each field, making it accessible only
     * where the field's package is open to everyone. The wrapper's own field is readable; what it holds is not.
     */
    @Test
    void aDumpOfTheWrapperCannotReachTheSessionOrItsPassword() throws Exception {
        XAResource opaque = OpaqueXAResource.of(new Session());
        for (Field field : OpaqueXAResource.class.getDeclaredFields()) {
            field.setAccessible(true);
            Object value = field.get(opaque);
            assertThat(value).isInstanceOf(AtomicReference.class);
            assertThat(value.toString()).doesNotContain("broker-secret");
            Field inside = AtomicReference.class.getDeclaredField("value");
            assertThat(AtomicReference.class.getModule().isOpen(AtomicReference.class.getPackageName()))
                    .as("FFDC makes fields accessible only in packages open to everyone").isFalse();
            assertThatThrownBy(() -> inside.get(value)).isInstanceOf(IllegalAccessException.class);
        }
    }
}
