package dev.mall.flashsale.boundary;

import dev.mall.flashsale.control.FlashSaleGate;
import dev.mall.flashsale.control.FlashSales;
import dev.mall.flashsale.control.FlashTickets;
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
                                Instant startsAt, Instant endsAt, boolean queued) {
    }

    public record TicketView(String ticketId, String status, Long orderId, String reason) {

        public static TicketView of(FlashTickets.View ticket) {
            return new TicketView(ticket.ticketId(), ticket.status().name(), ticket.orderId(), ticket.reason());
        }
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
                sale.perCustomerLimit(), remaining, sale.startsAt(), sale.endsAt(), sale.queued());
    }
}
