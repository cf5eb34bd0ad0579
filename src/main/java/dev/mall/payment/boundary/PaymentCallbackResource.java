package dev.mall.payment.boundary;

import dev.mall.payment.control.CallbackSignature;
import dev.mall.payment.control.PaymentCallback;
import dev.mall.payment.control.PaymentCallbacks;
import dev.mall.platform.rest.SignedJson;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The payment gateway's callback. Authenticated by its HMAC signature, not by a user token. */
@Path("payments/callback")
@Tag(name = "payments")
@PermitAll
public class PaymentCallbackResource {

    @Inject
    CallbackSignature signature;

    @Inject
    PaymentCallbacks callbacks;

    @Inject
    Validator validator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Gateway callback: records a payment's outcome once (duplicates answer 200 and change nothing)")
    @APIResponse(responseCode = "200", description = "Applied, or a duplicate of an applied callback")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Mall-Signature")
    @APIResponse(responseCode = "404", description = "No such payment of that order")
    @APIResponse(responseCode = "409", description = "Amount mismatch, or settled by another provider transaction")
    public Map<String, Object> callback(@HeaderParam(CallbackSignature.HEADER) String signed,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentCallback.class))) byte[] body) {
        PaymentCallback callback = SignedJson.read(body, signature.verify(body, signed), PaymentCallback.class,
                "payment callback", validator);
        boolean applied = callbacks.apply(callback);
        return Map.of("paymentId", callback.paymentId(), "applied", applied);
    }
}
