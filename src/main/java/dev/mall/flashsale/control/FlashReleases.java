package dev.mall.flashsale.control;

import dev.mall.ordering.boundary.OrderReleased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * An expired or cancelled flash order gives its units back: to the customer's limit in the database, in the releasing
 * transaction, and to the Redis gate once that transaction has committed. (Its stock pool units were released by the
 * inventory domain in the same transaction.)
 */
@ApplicationScoped
public class FlashReleases {

    @Inject
    FlashPurchases purchases;

    @Inject
    FlashCompensation compensation;

    void released(@Observes OrderReleased order) {
        if (order.flashSaleId() == null) {
            return;
        }
        purchases.giveBack(order.flashSaleId(), order.customerId(), order.units());
        compensation.giveBackIfCommitted(order.flashSaleId(), order.customerId(), order.units());
    }
}
