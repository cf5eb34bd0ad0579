package dev.mall.ordering.boundary;

import dev.mall.ordering.control.Coupons;
import dev.mall.ordering.entity.Coupon;
import dev.mall.ordering.entity.CouponKind;
import dev.mall.platform.problem.Problem;
import dev.mall.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Coupons for the shop's administrators: create one, read it with its live redemptions. */
@Path("admin/coupons")
@Tag(name = "admin")
@RolesAllowed("admin")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class AdminCouponsResource {

    @Inject
    Coupons coupons;

    @Context
    UriInfo uriInfo;

    public record NewCoupon(
            @Schema(example = "TEA10") @NotNull
            @Pattern(regexp = OrdersResource.COUPON_CODE, message = OrdersResource.COUPON_CODE_RULE) String code,
            @Schema(example = "PERCENT", enumeration = {"AMOUNT", "PERCENT"}) @NotNull
            @Pattern(regexp = "AMOUNT|PERCENT", message = "must be AMOUNT or PERCENT") String kind,
            @Schema(description = "the amount off, or the percentage (at most 100)", example = "10")
            @NotNull @DecimalMin(value = "0.01") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2)
            BigDecimal value,
            @Schema(description = "the least subtotal an order needs", example = "20.00")
            @DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 2) BigDecimal minSpend,
            @NotNull Instant startsAt, @NotNull Instant endsAt,
            @Schema(description = "live redemptions in all; none: no limit", example = "100")
            @Min(1) @Max(10_000_000) Integer totalLimit,
            @Schema(description = "live redemptions per customer; none: no limit", example = "1")
            @Min(1) @Max(10_000) Integer perCustomerLimit) {
    }

    public record CouponView(@Schema(example = "TEA10") String code, @Schema(example = "PERCENT") String kind,
                             @Schema(example = "10.00") String value, @Schema(example = "20.00") String minSpend,
                             Instant startsAt, Instant endsAt, @Schema(example = "100") Integer totalLimit,
                             @Schema(example = "1") Integer perCustomerLimit,
                             @Schema(description = "live redemptions: orders carrying it that are neither cancelled "
                                     + "nor expired", example = "3") int redeemed) {
        static CouponView of(Coupon coupon) {
            return new CouponView(coupon.code(), coupon.kind().name(), coupon.value().toPlainString(),
                    coupon.minSpend() == null ? null : coupon.minSpend().toPlainString(), coupon.startsAt(),
                    coupon.endsAt(), coupon.totalLimit(), coupon.perCustomerLimit(), coupon.redeemed());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a coupon: an amount or a percentage off, with minimum spend, window and limits")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CouponView.class)))
    @APIResponse(responseCode = "400", description = "A field missing or out of range, a percentage over 100, or "
            + "endsAt not after startsAt")
    @APIResponse(responseCode = "409", description = "A coupon with this code exists")
    public Response create(@Valid @NotNull NewCoupon coupon) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (coupon.kind().equals("PERCENT") && coupon.value().compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(new Problem.FieldError("value", "a percentage is at most 100"));
        }
        if (!coupon.endsAt().isAfter(coupon.startsAt())) {
            errors.add(new Problem.FieldError("endsAt", "must be after startsAt"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Coupon created = coupons.create(coupon.code().toUpperCase(Locale.ROOT), CouponKind.valueOf(coupon.kind()),
                coupon.value(), coupon.minSpend(), coupon.startsAt(), coupon.endsAt(), coupon.totalLimit(),
                coupon.perCustomerLimit());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.code()).build())
                .entity(CouponView.of(created)).build();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "A coupon and its live redemptions")
    @APIResponse(responseCode = "200", description = "The coupon", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CouponView.class)))
    @APIResponse(responseCode = "404", description = "No such coupon")
    public CouponView get(@PathParam("code") String code) {
        return CouponView.of(coupons.byCode(code.toUpperCase(Locale.ROOT)));
    }
}
