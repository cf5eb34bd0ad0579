package dev.mall.platform.messaging.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import java.util.Map;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.ra.ActiveMQResourceAdapter;
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
 * <p>Packaged into {@code artemis-ra.rar} only (the WAR excludes this package): it must be loaded by the adapter's
 * class loader.
 */
public class RecoveringResourceAdapter extends ActiveMQResourceAdapter {

    private static final long serialVersionUID = 1L;

    private transient ActiveMQXAResourceWrapper recoveryResource;

    @Override
    public synchronized XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        if (recoveryResource == null) {
            XARecoveryConfig config = XARecoveryConfig.newConfig(
                    getDefaultActiveMQConnectionFactory(), getUserName(), getPassword(), Map.of());
            recoveryResource = new ActiveMQXAResourceWrapper(config);
        }
        return new XAResource[] {recoveryResource};
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
