package dev.mall.inventory.boundary;

import dev.mall.inventory.control.LowStockAlerts;
import dev.mall.inventory.control.StockAudit;
import dev.mall.inventory.control.StockReservations;
import dev.mall.platform.domain.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Stock administration and the stock audit (admin group only). */
@Path("admin")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AdminStockResource {

    @Inject
    StockReservations stock;

    @Inject
    StockAudit audit;

    @Inject
    OrderStatuses orders;

    @Inject
    LowStockAlerts lowStock;

    public record Threshold(@Schema(example = "10", description = "StockLow when the available units fall to this or below")
                            @NotNull @Min(0) @Max(1_000_000) Integer threshold) {
    }

    /** A SKU's threshold and its available ordinary units now. */
    public record LowStockView(@Schema(example = "7") long skuId, @Schema(example = "10") int threshold,
                               @Schema(example = "4") int available,
                               @Schema(description = "available is at or below the threshold") boolean low) {
        static LowStockView of(LowStockAlerts.LowSku sku) {
            return new LowStockView(sku.skuId(), sku.threshold(), sku.available(), sku.available() <= sku.threshold());
        }
    }

    public record LowStockList(List<LowStockView> items) {
    }

    public record StockLevel(@Schema(example = "120") @NotNull @Min(0) @Max(1_000_000) Integer onHand) {
    }

    public record StockView(long skuId, int onHand, int reserved, int available, int buckets) {
        static StockView of(StockReservations.Level level) {
            return new StockView(level.skuId(), level.onHand(), level.reserved(), level.available(), level.buckets());
        }
    }

    public record Buckets(@Schema(example = "8") @NotNull @Min(1) @Max(64) Integer count) {
    }

    public record SkuAudit(long skuId, int onHand, int reserved, long sold, long reservedFromReservations, long drift,
                           int rowsOutOfStep) {
    }

    /** An order whose status and reservation status disagree (or that has one without the other). */
    public record OrderMismatch(long orderId, String orderStatus, String reservationStatus) {
    }

    /** One warehouse's share of a SKU: its rows' reserved units beside the allocations of unpaid orders there. */
    public record WarehouseAudit(long skuId, long warehouseId, int onHand, int reserved, long reservedFromReservations,
                                 long drift) {
    }

    public record AuditReport(boolean ok, List<SkuAudit> skus, List<WarehouseAudit> warehouses, int ordersChecked,
                              List<OrderMismatch> orderMismatches) {
    }

    @PUT
    @Path("skus/{id}/stock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set the units on hand of a SKU")
    @APIResponse(responseCode = "200", description = "The SKU's stock after the change")
    @APIResponse(responseCode = "409", description = "Below the units reserved by unpaid orders")
    public StockView setOnHand(@PathParam("id") long skuId, @Valid @NotNull StockLevel level) {
        return StockView.of(stock.setOnHand(skuId, level.onHand()));
    }

    /**
     * Hot SKUs: splits the SKU's stock into {@code count} rows so that concurrent buyers update different rows
     * (docs/MONEY-PATH.md "Stock buckets"); 1 joins them again. Totals and invariants are unchanged.
     */
    @PUT
    @Path("skus/{id}/buckets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Split a hot SKU's stock into N buckets (1 = no split)")
    @APIResponse(responseCode = "200", description = "The SKU's stock after the change")
    @APIResponse(responseCode = "409", description = "A bucket that would disappear holds units of unpaid orders")
    public StockView setBuckets(@PathParam("id") long skuId, @Valid @NotNull Buckets buckets) {
        return StockView.of(stock.setBuckets(skuId, buckets.count()));
    }

    @PUT
    @Path("skus/{id}/low-stock-threshold")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set a SKU's low-stock threshold",
            description = "A StockLow event on mall.stock-events whenever the SKU's available units cross it downwards "
                    + "(once per crossing, in the transaction that crossed it; also now, if they are at or below it and "
                    + "were not before).")
    @APIResponse(responseCode = "200", description = "The threshold and the units available now", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LowStockView.class)))
    @APIResponse(responseCode = "400", description = "threshold missing, negative or over 1 000 000")
    @APIResponse(responseCode = "404", description = "No such SKU")
    public LowStockView setLowStockThreshold(@PathParam("id") long skuId, @Valid @NotNull Threshold threshold) {
        return LowStockView.of(stock.setLowStockThreshold(skuId, threshold.threshold()));
    }

    @DELETE
    @Path("skus/{id}/low-stock-threshold")
    @Transactional
    @Operation(summary = "Remove a SKU's low-stock threshold: no more StockLow for it")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The SKU has no threshold")
    public void removeLowStockThreshold(@PathParam("id") long skuId) {
        if (!lowStock.remove(skuId)) {
            throw Refusal.notFound("Low-stock threshold of SKU " + skuId);
        }
    }

    @GET
    @Path("stock/low")
    @Operation(summary = "SKUs whose available units are at or below their low-stock threshold now, by SKU id")
    @APIResponse(responseCode = "200", description = "The SKUs at or below", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LowStockList.class)))
    public LowStockList lowStock() {
        return new LowStockList(lowStock.atOrBelow().stream().map(LowStockView::of).toList());
    }

    /**
     * Recomputes the invariants: per SKU, {@code 0 <= reserved <= onHand} and {@code reserved} equal to the sum of
     * RESERVED reservations ({@code drift} = the difference); the same per SKU and warehouse (the allocations of unpaid
     * orders in each warehouse equal its rows' reserved units; the warehouses' figures sum to the SKU's); per order, its status matches its reservations' status
     * across the two databases. Read while orders commit, a two-phase commit between its two branches can show a
     * transient mismatch; on a quiet system any mismatch is real.
     */
    @GET
    @Path("audit/stock")
    @Operation(summary = "Stock and order/reservation invariants, for all SKUs or those named by skuId")
    public AuditReport audit(@QueryParam("skuId") List<Long> skuIds) {
        Set<Long> filter = new TreeSet<>(skuIds == null ? List.of() : skuIds);
        List<SkuAudit> skus = audit.skus(filter).stream()
                .map(l -> new SkuAudit(l.skuId(), l.onHand(), l.reserved(), l.sold(), l.reservedFromReservations(),
                        l.drift(), l.rowsOutOfStep()))
                .toList();
        boolean skusOk = skus.stream().allMatch(s -> s.drift() == 0 && s.rowsOutOfStep() == 0 && s.reserved() >= 0
                && s.reserved() <= s.onHand());
        List<StockAudit.WarehouseLine> perWarehouse = audit.warehouses(filter);
        boolean warehousesOk = perWarehouse.stream().allMatch(StockAudit.WarehouseLine::ok);
        List<WarehouseAudit> warehouses = perWarehouse.stream().map(w -> new WarehouseAudit(w.skuId(), w.warehouseId(),
                w.onHand(), w.reserved(), w.reservedFromReservations(), w.drift())).toList();
        Map<Long, String> orderStatuses = orders.statusesForSkus(filter);
        Map<Long, String> reservationStatuses = audit.reservationStatusByOrder(filter);
        List<OrderMismatch> mismatches = new ArrayList<>();
        Set<Long> orderIds = new TreeSet<>(orderStatuses.keySet());
        orderIds.addAll(reservationStatuses.keySet());
        for (Long orderId : orderIds) {
            String orderStatus = orderStatuses.get(orderId);
            String reservationStatus = reservationStatuses.get(orderId);
            if (orderStatus == null || reservationStatus == null
                    || !orders.expectedReservationStatus(orderStatus).equals(reservationStatus)) {
                mismatches.add(new OrderMismatch(orderId, orderStatus, reservationStatus));
            }
        }
        return new AuditReport(skusOk && warehousesOk && mismatches.isEmpty(), skus, warehouses, orderIds.size(),
                mismatches.subList(0, Math.min(mismatches.size(), 100)));
    }
}
