package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashSaleGate;
import dev.mall.flashsale.control.FlashSales;
import dev.mall.flashsale.entity.FlashSale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** The REST shape of a flash sale. */
@ApplicationScoped
public class FlashSaleViews {

    @Inject
    FlashSales sales;

    @Inject
    FlashSaleGate gate;

    public record FlashSaleView(long id, long skuId, String price, int quantity, int perCustomerLimit, long remaining,
                                Instant startsAt, Instant endsAt) {
    }

    /** Remaining units as the gate counts them, or from the database when Redis cannot say. */
    public FlashSaleView of(FlashSale sale) {
        long remaining;
        try {
            remaining = gate.remaining(sale.id()).orElseGet(() -> (long) sales.remaining(sale));
        } catch (RuntimeException e) {
            remaining = sales.remaining(sale);
        }
        return new FlashSaleView(sale.id(), sale.skuId(), sale.price().toPlainString(), sale.units(),
                sale.perCustomerLimit(), remaining, sale.startsAt(), sale.endsAt());
    }
}
