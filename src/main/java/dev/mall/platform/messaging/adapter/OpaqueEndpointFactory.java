package dev.mall.platform.messaging.adapter;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import javax.transaction.xa.XAResource;

/**
 * The container's endpoint factory for one MDB activation, handing each endpoint the Artemis session's XA resource
 * behind an {@link OpaqueXAResource}: the MDB container keeps that resource in the endpoint, which an FFDC incident of
 * a failed delivery prints. Everything else is the container's factory's.
 */
final class OpaqueEndpointFactory implements MessageEndpointFactory {

    private final MessageEndpointFactory container;

    OpaqueEndpointFactory(MessageEndpointFactory container) {
        this.container = container;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource) throws UnavailableException {
        return container.createEndpoint(OpaqueXAResource.of(resource));
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource resource, long timeout) throws UnavailableException {
        return container.createEndpoint(OpaqueXAResource.of(resource), timeout);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) throws NoSuchMethodException {
        return container.isDeliveryTransacted(method);
    }

    @Override
    public String getActivationName() {
        return container.getActivationName();
    }

    @Override
    public Class<?> getEndpointClass() {
        return container.getEndpointClass();
    }
}
