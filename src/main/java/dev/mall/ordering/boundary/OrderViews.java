package dev.mall.ordering.boundary;

import dev.mall.ordering.entity.CustomerOrder;
import dev.mall.ordering.entity.OrderLine;
import dev.mall.ordering.entity.OrderReturn;
import dev.mall.inventory.boundary.Inventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The REST shapes of orders (docs/API.md "Orders"); money as a decimal string with 2 places. */
public final class OrderViews {

    private OrderViews() {
    }

    /** Where a line's units are held (unpaid) or came from (paid): one warehouse's share of the line. */
    public record AllocationView(@Schema(example = "1") long warehouseId, @Schema(example = "2") int quantity) {
    }

    public record LineView(long skuId, String skuName, int quantity, String unitPrice,
                           @Schema(description = "the line's units per warehouse, in priority order; only in the answer "
                                   + "for one order (GET /api/orders/{id}, GET /api/admin/orders/{id})")
                           List<AllocationView> allocations) {
    }

    /** Where the order goes, as given when it was placed. */
    public record AddressView(@Schema(example = "Ann Example") String name, @Schema(example = "1 Tea Street") String line1,
                              @Schema(example = "Flat 2") String line2, @Schema(example = "Leeds") String city,
                              @Schema(example = "LS1 4AP") String postalCode, @Schema(example = "GB") String country) {
    }

    /** The parcel, once the order is shipped; {@code deliveredAt} once it is COMPLETED. */
    public record ShipmentView(@Schema(example = "DHL") String carrier,
                               @Schema(example = "JD014600006281230704") String trackingNumber,
                               Instant shippedAt, Instant deliveredAt) {
    }

    public record OrderView(@Schema(example = "42") long id, @Schema(example = "M261126-9WQWVN7S5Y") String number,
                            @Schema(example = "PENDING_PAYMENT") String status,
                            @Schema(description = "what is paid: subtotal less discount", example = "29.80") String total,
                            @Schema(description = "the lines' sum", example = "29.80") String subtotal,
                            @Schema(description = "the coupon's discount", example = "0.00") String discount,
                            @Schema(description = "absent without a coupon", example = "TEA10") String couponCode,
                            Instant createdAt, @Schema(example = "2026-11-26T04:16:20Z") Instant expiresAt,
                            Long paymentId, List<LineView> lines,
                            @Schema(description = "absent when the order was placed without one")
                            AddressView shippingAddress,
                            @Schema(description = "absent until the order is shipped") ShipmentView shipment) {
    }

    public record OrderPage(List<OrderView> items, int page, int size, long total) {
    }

    public record ReturnLineView(@Schema(example = "7") long skuId, @Schema(example = "1") int quantity,
                                 @Schema(description = "paid back for these units: their price less their share of "
                                         + "the coupon", example = "9.00") String amount) {
    }

    public record ReturnView(@Schema(example = "5") long returnId, @Schema(example = "42") long orderId,
                             @Schema(example = "REQUESTED", enumeration = {"REQUESTED", "REFUNDED", "REJECTED"})
                             String status, @Schema(example = "too small") String reason,
                             @Schema(example = "9.00") String amount,
                             @Schema(description = "once refunded: whether the units went back to stock") Boolean restocked,
                             Instant createdAt, List<ReturnLineView> lines) {
    }

    public static ReturnView ofReturn(OrderReturn orderReturn) {
        return new ReturnView(orderReturn.id(), orderReturn.orderId(), orderReturn.status().name(),
                orderReturn.reason(), orderReturn.amount().toPlainString(), orderReturn.restocked(),
                orderReturn.createdAt(), orderReturn.lines().stream().map(line -> new ReturnLineView(line.skuId(),
                        line.quantity(), line.amount().toPlainString())).toList());
    }

    /** An order as administrators see it: the customer's view plus whose order it is. */
    public record AdminOrderView(@Schema(example = "42") long id,
                                 @Schema(example = "M261126-7K2Q9XH4TB") String number,
                                 @Schema(example = "17") long customerId,
                                 @Schema(example = "PAID") String status,
                                 @Schema(example = "17.80") String total,
                                 @Schema(example = "17.80") String subtotal,
                                 @Schema(example = "0.00") String discount,
                                 @Schema(example = "TEA10") String couponCode,
                                 Instant createdAt, Instant expiresAt,
                                 @Schema(example = "9") Long paymentId,
                                 List<LineView> lines,
                                 @Schema(description = "absent when the order was placed without one")
                                 AddressView shippingAddress,
                                 @Schema(description = "absent until the order is shipped") ShipmentView shipment) {
    }

    public record AdminOrderPage(List<AdminOrderView> items, int page, int size, long total) {
    }

    public static OrderView of(CustomerOrder order) {
        return new OrderView(order.id(), order.number(), order.status().name(), order.total().toPlainString(),
                order.subtotal().toPlainString(), order.discount().toPlainString(), order.couponCode(),
                order.createdAt(), order.expiresAt(), order.paymentId(),
                order.lines().stream().map(OrderViews::of).toList(), address(order), shipment(order));
    }

    public static AdminOrderView forAdmin(CustomerOrder order) {
        return new AdminOrderView(order.id(), order.number(), order.customerId(), order.status().name(),
                order.total().toPlainString(), order.subtotal().toPlainString(), order.discount().toPlainString(),
                order.couponCode(), order.createdAt(), order.expiresAt(), order.paymentId(),
                order.lines().stream().map(OrderViews::of).toList(), address(order), shipment(order));
    }

    private static AddressView address(CustomerOrder order) {
        return order.shippingAddress().map(a -> new AddressView(a.name(), a.line1(), a.line2(), a.city(),
                a.postalCode(), a.country())).orElse(null);
    }

    private static ShipmentView shipment(CustomerOrder order) {
        return order.carrier() == null ? null : new ShipmentView(order.carrier(), order.trackingNumber(),
                order.shippedAt(), order.deliveredAt());
    }

    private static LineView of(OrderLine line) {
        return new LineView(line.skuId(), line.skuName(), line.quantity(), line.unitPrice().toPlainString(), null);
    }

    private static List<LineView> lines(CustomerOrder order, Map<Long, List<Inventory.Allocation>> allocations) {
        return order.lines().stream().map(line -> new LineView(line.skuId(), line.skuName(), line.quantity(),
                line.unitPrice().toPlainString(), allocations.getOrDefault(line.skuId(), List.of()).stream()
                .map(a -> new AllocationView(a.warehouseId(), a.quantity())).toList())).toList();
    }

    /** The order with each line's allocations (the warehouses its units are held in or came from). */
    public static OrderView of(CustomerOrder order, Map<Long, List<Inventory.Allocation>> allocations) {
        return new OrderView(order.id(), order.number(), order.status().name(), order.total().toPlainString(),
                order.subtotal().toPlainString(), order.discount().toPlainString(), order.couponCode(),
                order.createdAt(), order.expiresAt(), order.paymentId(), lines(order, allocations), address(order),
                shipment(order));
    }

    /** The administrators' view with each line's allocations. */
    public static AdminOrderView forAdmin(CustomerOrder order, Map<Long, List<Inventory.Allocation>> allocations) {
        return new AdminOrderView(order.id(), order.number(), order.customerId(), order.status().name(),
                order.total().toPlainString(), order.subtotal().toPlainString(), order.discount().toPlainString(),
                order.couponCode(), order.createdAt(), order.expiresAt(), order.paymentId(), lines(order, allocations),
                address(order), shipment(order));
    }
}
