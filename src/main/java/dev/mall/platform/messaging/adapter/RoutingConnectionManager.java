package dev.mall.platform.messaging.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.Serial;

/**
 * Liberty's connection manager as the Artemis connection factory sees it: every connection asked for is asked of
 * Liberty for the {@link OpaqueManagedConnectionFactory} that made the connection factory, whichever managed
 * connection factory Artemis names (its own, the one it was built around).
 */
final class RoutingConnectionManager implements ConnectionManager {

    @Serial
    private static final long serialVersionUID = 1L;

    private final ConnectionManager liberty;
    private final OpaqueManagedConnectionFactory factory;

    RoutingConnectionManager(ConnectionManager liberty, OpaqueManagedConnectionFactory factory) {
        this.liberty = liberty;
        this.factory = factory;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory ignored, ConnectionRequestInfo info)
            throws ResourceException {
        return liberty.allocateConnection(factory, info);
    }
}
