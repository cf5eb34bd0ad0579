package dev.mall.inventory.boundary;

import dev.mall.inventory.control.StockReservations;
import dev.mall.inventory.control.Warehouses;
import dev.mall.inventory.entity.StockTransfer;
import dev.mall.inventory.entity.Warehouse;
import dev.mall.platform.rest.QueryParameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Warehouses and the stock per warehouse (admin group only; docs/MONEY-PATH.md "Warehouses"): create and list
 * warehouses, count a SKU's shelf in one warehouse, see a SKU's stock per warehouse, move free units between two.
 */
@Path("admin")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AdminWarehousesResource {

    @Inject
    Warehouses warehouses;

    @Inject
    StockReservations stock;

    @Context
    UriInfo uriInfo;

    public record NewWarehouse(@Schema(example = "LEEDS") @NotBlank @Size(max = 32)
                               @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, _ and - only") String code,
                               @Schema(example = "Leeds") @NotBlank @Size(max = 200) String name,
                               @Schema(description = "reservations take units from the lowest priority first",
                                       example = "10") @NotNull @Min(0) @Max(1_000_000) Integer priority) {
    }

    public record WarehouseChange(@Schema(example = "Leeds North") @NotBlank @Size(max = 200) String name,
                                  @Schema(description = "reservations take units from the lowest priority first",
                                          example = "5") @NotNull @Min(0) @Max(1_000_000) Integer priority) {
    }

    public record WarehouseView(@Schema(example = "2") long id, @Schema(example = "LEEDS") String code,
                                @Schema(example = "Leeds") String name, @Schema(example = "10") int priority) {
        static WarehouseView of(Warehouse warehouse) {
            return new WarehouseView(warehouse.id(), warehouse.code(), warehouse.name(), warehouse.priority());
        }
    }

    public record WarehouseStockView(@Schema(example = "2") long warehouseId, @Schema(example = "40") int onHand,
                                     @Schema(example = "3") int reserved, @Schema(example = "37") int available,
                                     @Schema(example = "1") int buckets) {
        static WarehouseStockView of(StockReservations.WarehouseLevel level) {
            return new WarehouseStockView(level.warehouseId(), level.onHand(), level.reserved(), level.available(),
                    level.buckets());
        }
    }

    public record NewTransfer(@Schema(example = "7") @NotNull @Min(1) Long skuId,
                              @Schema(example = "1") @NotNull @Min(1) Long fromWarehouseId,
                              @Schema(example = "2") @NotNull @Min(1) Long toWarehouseId,
                              @Schema(example = "5") @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }

    public record TransferView(@Schema(example = "3") long id, @Schema(example = "7") long skuId,
                               @Schema(example = "1") long fromWarehouseId, @Schema(example = "2") long toWarehouseId,
                               @Schema(example = "5") int quantity, Instant createdAt) {
        static TransferView of(StockTransfer transfer) {
            return new TransferView(transfer.id(), transfer.skuId(), transfer.fromWarehouseId(),
                    transfer.toWarehouseId(), transfer.quantity(), transfer.createdAt());
        }
    }

    public record TransferPage(List<TransferView> items, @Schema(example = "0") int page,
                               @Schema(example = "20") int size, @Schema(example = "3") long total) {
    }

    @POST
    @Path("warehouses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a warehouse; reservations take units from warehouses in ascending priority")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WarehouseView.class)))
    @APIResponse(responseCode = "400", description = "code, name or priority missing or out of range")
    @APIResponse(responseCode = "409", description = "A warehouse with this code exists")
    public Response create(@Valid @NotNull NewWarehouse warehouse) {
        Warehouse created = warehouses.create(warehouse.code().toUpperCase(Locale.ROOT), warehouse.name().strip(),
                warehouse.priority());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(String.valueOf(created.id())).build())
                .entity(WarehouseView.of(created)).build();
    }

    @GET
    @Path("warehouses")
    @Operation(summary = "The warehouses, in priority order (the order reservations take units in)")
    @APIResponse(responseCode = "200", description = "The warehouses")
    public List<WarehouseView> list() {
        return warehouses.all().stream().map(WarehouseView::of).toList();
    }

    @GET
    @Path("warehouses/{id}")
    @Operation(summary = "One warehouse")
    @APIResponse(responseCode = "200", description = "The warehouse")
    @APIResponse(responseCode = "404", description = "No such warehouse")
    public WarehouseView get(@PathParam("id") long id) {
        return WarehouseView.of(warehouses.byId(id));
    }

    @PUT
    @Path("warehouses/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a warehouse or change its priority (its code stays)",
            description = "Placements that start afterwards take units in the new priority order; units already"
                    + " reserved stay where they are.")
    @APIResponse(responseCode = "200", description = "The warehouse after the change")
    @APIResponse(responseCode = "400", description = "name or priority missing or out of range")
    @APIResponse(responseCode = "404", description = "No such warehouse")
    public WarehouseView change(@PathParam("id") long id, @Valid @NotNull WarehouseChange change) {
        return WarehouseView.of(warehouses.change(id, change.name().strip(), change.priority()));
    }

    @GET
    @Path("skus/{id}/stock")
    @Operation(summary = "A SKU's ordinary stock per warehouse, in priority order")
    @APIResponse(responseCode = "200", description = "One entry per warehouse that holds rows of the SKU")
    @APIResponse(responseCode = "404", description = "No such SKU")
    public List<WarehouseStockView> stock(@PathParam("id") long skuId) {
        return stock.perWarehouse(skuId).stream().map(WarehouseStockView::of).toList();
    }

    @PUT
    @Path("skus/{id}/stock/{warehouseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Set the units on hand of a SKU in one warehouse")
    @APIResponse(responseCode = "200", description = "The SKU's stock in that warehouse after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WarehouseStockView.class)))
    @APIResponse(responseCode = "400", description = "onHand missing, negative or over 1 000 000")
    @APIResponse(responseCode = "404", description = "No such SKU or warehouse")
    @APIResponse(responseCode = "409", description = "Below the units reserved by unpaid orders in that warehouse")
    public WarehouseStockView setOnHand(@PathParam("id") long skuId, @PathParam("warehouseId") long warehouseId,
                                        @Valid @NotNull AdminStockResource.StockLevel level) {
        return WarehouseStockView.of(stock.setOnHand(skuId, warehouseId, level.onHand()));
    }

    @POST
    @Path("stock-transfers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Move free units of a SKU from one warehouse to another, in one transaction",
            description = "Reserved units never move. The two warehouses' stock rows are locked in priority order.")
    @APIResponse(responseCode = "201", description = "Moved", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TransferView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or out of range, or the same warehouse twice")
    @APIResponse(responseCode = "404", description = "No such SKU or warehouse")
    @APIResponse(responseCode = "409", description = "The source warehouse has fewer free units")
    public Response transfer(@Valid @NotNull NewTransfer transfer) {
        StockTransfer done = stock.transfer(transfer.skuId(), transfer.fromWarehouseId(), transfer.toWarehouseId(),
                transfer.quantity());
        return Response.created(uriInfo.getBaseUriBuilder().path("admin").path("stock-transfers")
                .path(String.valueOf(done.id())).build()).entity(TransferView.of(done)).build();
    }

    @GET
    @Path("stock-transfers")
    @Operation(summary = "The transfers of free units between warehouses, newest first, optionally of one SKU")
    @APIResponse(responseCode = "200", description = "One page of transfers and their total number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TransferPage.class)))
    @APIResponse(responseCode = "400", description = "skuId, page or size not a whole number in range")
    public TransferPage transfers(
            @Parameter(description = "only this SKU's transfers", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1")) @QueryParam("skuId") String skuId,
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "transfers per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        QueryParameters parameters = new QueryParameters();
        Long sku = parameters.id("skuId", skuId);
        int pageNumber = parameters.page(page);
        int pageSize = parameters.size(size);
        parameters.throwIfInvalid();
        Warehouses.TransferPage result = warehouses.transfers(sku, pageNumber, pageSize);
        return new TransferPage(result.items().stream().map(TransferView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GET
    @Path("stock-transfers/{id}")
    @Operation(summary = "One transfer (the Location of its creation)")
    @APIResponse(responseCode = "200", description = "The transfer")
    @APIResponse(responseCode = "404", description = "No such transfer")
    public TransferView getTransfer(@PathParam("id") long id) {
        return TransferView.of(warehouses.transfer(id));
    }
}
