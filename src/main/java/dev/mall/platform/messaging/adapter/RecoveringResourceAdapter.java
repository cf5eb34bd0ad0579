package dev.mall.platform.messaging.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Map;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.ra.ActiveMQResourceAdapter;
import org.apache.activemq.artemis.ra.ConnectionFactoryProperties;
import org.apache.activemq.artemis.service.extensions.xa.recovery.ActiveMQXAResourceWrapper;
import org.apache.activemq.artemis.service.extensions.xa.recovery.XARecoveryConfig;

/**
 * The Artemis resource adapter, with XA recovery for message-driven beans.
 *
 * <p>After a crash, Liberty asks each adapter for the XAResources of its activations ({@link #getXAResources}) to
 * learn which transactions the broker still holds prepared. The stock adapter answers {@code null} (it expects a
 * WildFly-style recovery registry that Liberty does not have), so Liberty retries recovery forever and the matching
 * MariaDB branches stay prepared, holding their row locks. This subclass answers with Artemis' own reconnecting
 * recovery resource, connected like the adapter's default connection factory: recovery can then commit or roll back
 * the broker's branches, and if the broker is down it answers XAER_RMFAIL so that Liberty retries later.
 *
 * <p>Every connection factory it makes resolves {@code ENC(NAME)} passwords from the environment
 * ({@link EnvironmentPasswordCodec}), so no object of the adapter holds the broker password where an FFDC dump can
 * print it. The client sessions do (they log in again with it after a failover): the XA resources that lead to them —
 * the recovery resource and each MDB endpoint's — are handed to Liberty behind {@link OpaqueXAResource}, which an FFDC
 * dump cannot see through; the outbound connection factory's managed connections likewise behind
 * {@link OpaqueManagedConnection} (ra.xml names {@link OpaqueManagedConnectionFactory}).
 *
 * <p>Packaged into {@code artemis-ra.rar} only (the WAR excludes this package): it must be loaded by the adapter's
 * class loader.
 */
public class RecoveringResourceAdapter extends ActiveMQResourceAdapter {

    private static final long serialVersionUID = 1L;

    private transient ActiveMQXAResourceWrapper recoveryResource;

    @Override
    public synchronized XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        if (recoveryResource == null) {
            XARecoveryConfig config = XARecoveryConfig.newConfig(getDefaultActiveMQConnectionFactory(), getUserName(),
                    EnvironmentPasswordCodec.resolveMasked(getPassword()), Map.of());
            recoveryResource = new ActiveMQXAResourceWrapper(config);
        }
        return new XAResource[] {OpaqueXAResource.of(recoveryResource)};
    }

    /** The MDBs' activations, their endpoints given the sessions' XA resources behind {@link OpaqueXAResource}. */
    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        super.endpointActivation(new OpaqueEndpointFactory(factory), spec);
    }

    @Override
    public ActiveMQConnectionFactory newConnectionFactory(ConnectionFactoryProperties properties) {
        return namedPasswords(super.newConnectionFactory(properties));
    }

    @Override
    public ActiveMQConnectionFactory createRecoveryActiveMQConnectionFactory(ConnectionFactoryProperties properties) {
        return namedPasswords(super.createRecoveryActiveMQConnectionFactory(properties));
    }

    private static ActiveMQConnectionFactory namedPasswords(ActiveMQConnectionFactory factory) {
        factory.setPasswordCodec(EnvironmentPasswordCodec.class.getName());
        return factory;
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (recoveryResource != null) {
                recoveryResource.close();
                recoveryResource = null;
            }
        }
        super.stop();
    }
}
