package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashSaleGate;
import dev.mall.flashsale.control.SoldOutMarkers;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Listens on {@link FlashSaleGate#RESTOCKED} for sales whose units came back, on a thread of its own (a Redis
 * subscription blocks its connection), and drops this server's sold-out marker for them. While the subscription is
 * down, {@link SoldOutMarkers} trusts no marker; it reconnects after 1 s, 2 s, 4 s … at most 10 s.
 */
@Startup
@Singleton
public class RestockSubscription {

    private static final Logger LOG = Logger.getLogger(RestockSubscription.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    UnifiedJedis redis;

    @Inject
    SoldOutMarkers markers;

    private volatile boolean running = true;
    private volatile JedisPubSub current;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = threads.newThread(this::listen);
        thread.setName("mall-flash-restocked");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        JedisPubSub subscription = current;
        if (subscription != null && subscription.isSubscribed()) {
            subscription.unsubscribe();
        }
        thread.interrupt();
    }

    private void listen() {
        long backoffMillis = 1000;
        while (running) {
            JedisPubSub subscription = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    markers.subscribed();
                }

                @Override
                public void onMessage(String channel, String saleId) {
                    try {
                        markers.restocked(Long.parseLong(saleId));
                    } catch (NumberFormatException e) {
                        LOG.warning(() -> "Ignored a malformed sale id on " + channel + ": " + saleId);
                    }
                }
            };
            current = subscription;
            try {
                redis.subscribe(subscription, FlashSaleGate.RESTOCKED);
                backoffMillis = 1000;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Restock subscription lost", e);
            } finally {
                markers.unsubscribed();
            }
            if (!running) {
                return;
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, 10_000);
        }
    }
}
