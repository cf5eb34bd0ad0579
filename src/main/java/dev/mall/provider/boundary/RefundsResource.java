package dev.mall.provider.boundary;

import dev.mall.provider.control.Charges;
import dev.mall.provider.control.ProviderSettings;
import dev.mall.provider.control.Signer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;

/**
 * The shop asks for a refund: {@code {paymentId, amount, refundKey}} signed with MALL_PROVIDER_API_SECRET in
 * X-Mall-Signature. 201 for a new refund, 200 for the same refund key again, 401 bad signature, 404 no charge, 409
 * not charged, or more than is left, or a refund key reused for another amount.
 */
@Path("api/refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundsResource {

    @Inject
    Charges charges;

    @Inject
    ProviderSettings settings;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response refund(@HeaderParam(Signer.HEADER) String signature, byte[] body) {
        if (!settings.apiSigner().verify(body, signature)) {
            return error(401, "bad signature");
        }
        long paymentId;
        BigDecimal amount;
        String key;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject request = reader.readObject();
            paymentId = request.getJsonNumber("paymentId").longValueExact();
            amount = request.getJsonNumber("amount").bigDecimalValue();
            key = request.getString("refundKey");
        } catch (RuntimeException e) {
            return error(400, "expected {paymentId, amount, refundKey}");
        }
        if (key.isBlank() || key.length() > 150 || amount.scale() > 2) {
            return error(400, "refundKey of 1 to 150 characters, amount with at most 2 decimals");
        }
        try {
            Charges.Refund refund = charges.refund(paymentId, amount, key);
            return Response.status(refund.created() ? 201 : 200).entity(Json.createObjectBuilder()
                    .add("refundKey", refund.refundKey()).add("amount", refund.amount())
                    .add("refunded", refund.refunded()).build()).build();
        } catch (Charges.RefundRefused e) {
            return error(e.status(), e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Json.createObjectBuilder().add("error", message).build()).build();
    }
}
