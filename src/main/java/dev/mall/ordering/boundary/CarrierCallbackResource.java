package dev.mall.ordering.boundary;

import dev.mall.ordering.control.CarrierSignature;
import dev.mall.ordering.control.OrderShipping;
import dev.mall.platform.rest.SignedJson;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A carrier tells the shop that a parcel was delivered. Authenticated by its HMAC signature (MALL_CARRIER_SECRET), not
 * by a user token; the body names the parcel, never an order, so the callback can complete only the order that was
 * shipped with that carrier and tracking number. Repeats answer 200 and change nothing: the carrier may retry until it
 * gets a 2xx.
 */
@Path("shipping/callback")
@Tag(name = "shipping")
@PermitAll
public class CarrierCallbackResource {

    @Inject
    CarrierSignature signature;

    @Inject
    OrderShipping shipping;

    @Inject
    Validator validator;

    public record CarrierEvent(@Schema(example = "DHL") @NotNull String carrier,
                               @Schema(example = "JD014600006281230704") @NotNull String trackingNumber,
                               @Schema(example = "DELIVERED", enumeration = {"DELIVERED"}) @NotNull
                               @Pattern(regexp = "DELIVERED", message = "must be DELIVERED") String status) {
    }

    public record Applied(@Schema(example = "42") long orderId,
                          @Schema(description = "false: the parcel had been reported delivered before") boolean applied) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Carrier callback: a parcel was delivered, its order becomes COMPLETED (repeats change nothing)")
    @APIResponse(responseCode = "200", description = "Applied, or a repeat of an applied callback",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Applied.class)))
    @APIResponse(responseCode = "400", description = "Not such a JSON body, or a status other than DELIVERED")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mall-Signature")
    @APIResponse(responseCode = "404", description = "No order was shipped with this carrier and tracking number")
    public Applied callback(@HeaderParam("X-Mall-Signature") String signed,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CarrierEvent.class))) byte[] body) {
        CarrierEvent event = SignedJson.read(body, signature.verify(body, signed), CarrierEvent.class,
                "carrier event", validator);
        OrderShipping.Delivery delivery = shipping.deliverParcel(event.carrier(), event.trackingNumber());
        return new Applied(delivery.orderId(), delivery.applied());
    }
}
