package dev.mall.ordering.boundary;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderLine;
import java.time.Instant;
import java.util.List;

/** The REST shapes of orders (API.md "Orders"); money as a decimal string with 2 places. */
public final class OrderViews {

    private OrderViews() {
    }

    public record LineView(long skuId, String skuName, int quantity, String unitPrice) {
    }

    public record OrderView(long id, String number, String status, String total, Instant createdAt, Instant expiresAt,
                            Long paymentId, List<LineView> lines) {
    }

    public record OrderPage(List<OrderView> items, int page, int size, long total) {
    }

    public static OrderView of(CustomerOrder order) {
        return new OrderView(order.id(), order.number(), order.status().name(), order.total().toPlainString(),
                order.createdAt(), order.expiresAt(), order.paymentId(),
                order.lines().stream().map(OrderViews::of).toList());
    }

    private static LineView of(OrderLine line) {
        return new LineView(line.skuId(), line.skuName(), line.quantity(), line.unitPrice().toPlainString());
    }
}
