package dev.mall.platform.messaging.adapter;

import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An Artemis XA resource as the transaction manager and the MDB container hold it, with the Artemis objects out of
 * reach of Liberty's FFDC dumps. An FFDC incident prints the objects around a failure field by field, and an Artemis
 * XA resource leads to its client session, whose {@code password} field holds the broker password (the session logs in
 * again with it after a failover; nothing outside Artemis can mask it). FFDC reads fields by reflection only where the
 * field's package is open to it: the delegate here sits in an {@link AtomicReference}, whose field lives in a
 * {@code java.base} package that Liberty does not open, so a dump stops at "could not access". Every call is passed on
 * unchanged. (Found by the secrets scan, docs/OPERATIONS.md "No secret in the logs".)
 */
public final class OpaqueXAResource implements XAResource {

    private final AtomicReference<XAResource> delegate;

    private OpaqueXAResource(XAResource delegate) {
        this.delegate = new AtomicReference<>(delegate);
    }

    /** {@code resource} behind an opaque wrapper (null stays null; a wrapper is not wrapped again). */
    public static XAResource of(XAResource resource) {
        if (resource == null || resource instanceof OpaqueXAResource) {
            return resource;
        }
        return new OpaqueXAResource(resource);
    }

    private XAResource delegate() {
        return delegate.get();
    }

    private static XAResource unwrapped(XAResource resource) {
        return resource instanceof OpaqueXAResource opaque ? opaque.delegate() : resource;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        delegate().commit(xid, onePhase);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate().end(xid, flags);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate().forget(xid);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate().getTransactionTimeout();
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return delegate().isSameRM(unwrapped(other));
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate().prepare(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate().recover(flag);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        delegate().rollback(xid);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate().setTransactionTimeout(seconds);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate().start(xid, flags);
    }

    @Override
    public String toString() {
        return "OpaqueXAResource";
    }
}
