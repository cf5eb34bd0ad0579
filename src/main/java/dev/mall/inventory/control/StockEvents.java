package dev.mall.inventory.control;

import dev.mall.platform.messaging.MessageSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Topic;
import java.util.Map;

/**
 * Publishes stock facts on the mall.stock-events topic, in the transaction that brings them about: StockLow when a
 * SKU's available units cross its threshold. The message is the JMS type; the properties say which SKU and the figures.
 */
@ApplicationScoped
public class StockEvents {

    @Resource(lookup = "jms/stockEvents")
    Topic topic;

    @Inject
    MessageSender sender;

    public void low(long skuId, int available, int threshold) {
        sender.send(topic, "StockLow", Map.of("skuId", skuId, "available", available, "threshold", threshold), null);
    }
}
