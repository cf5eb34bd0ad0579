package dev.mall.provider.boundary;

import dev.mall.provider.control.Charges;
import dev.mall.provider.control.CheckoutLink;
import dev.mall.provider.control.ProviderSettings;
import dev.mall.provider.control.WebhookDelivery;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * The hosted checkout page the shop sends its customer to ({@code checkoutUrl}). GET shows the amount and one form
 * with the two buttons; POST (the form posts back to the same signed URL) records the charge with the chosen outcome
 * and its webhook, then tells the customer. Only this page decides an outcome; the shop's client never does.
 */
@Path("checkout")
@Produces(MediaType.TEXT_HTML)
public class CheckoutResource {

    @Inject
    Charges charges;

    @Inject
    WebhookDelivery delivery;

    @Inject
    ProviderSettings settings;

    @GET
    public Response page(@QueryParam("payment") String payment, @QueryParam("order") String order,
                         @QueryParam("amount") String amount, @QueryParam("sig") String signature) {
        CheckoutLink link = verified(payment, order, amount, signature);
        if (link == null) {
            return invalidLink();
        }
        Optional<Charges.Charge> charge = charges.find(link.paymentId());
        if (charge.isPresent()) {
            return Response.ok(done(charge.get())).build();
        }
        return Response.ok(page("Pay order " + link.orderId(), """
                <p>Amount due: <strong id="amount">%s</strong></p>
                <form method="post">
                  <button type="submit" name="outcome" value="SUCCESS">SUCCESS</button>
                  <button type="submit" name="outcome" value="FAILURE">FAILURE</button>
                </form>
                """.formatted(link.amount().toPlainString()))).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@QueryParam("payment") String payment, @QueryParam("order") String order,
                           @QueryParam("amount") String amount, @QueryParam("sig") String signature,
                           @FormParam("outcome") String outcome) {
        CheckoutLink link = verified(payment, order, amount, signature);
        if (link == null) {
            return invalidLink();
        }
        if (!"SUCCESS".equals(outcome) && !"FAILURE".equals(outcome)) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(page("Choose an outcome", "<p>outcome must be SUCCESS or FAILURE.</p>")).build();
        }
        Charges.Submitted submitted = charges.submit(link, outcome);
        if (submitted.created()) {
            delivery.deliverSoon(submitted.webhookId());
        }
        return Response.ok(done(submitted.charge())).build();
    }

    private CheckoutLink verified(String payment, String order, String amount, String signature) {
        CheckoutLink link = CheckoutLink.parse(payment, order, amount);
        return link != null && settings.apiSigner().verify(link.canonical(), signature) ? link : null;
    }

    private static Response invalidLink() {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(page("Invalid checkout link", "<p>This checkout link is not valid.</p>")).build();
    }

    private static String done(Charges.Charge charge) {
        boolean paid = "SUCCESS".equals(charge.outcome());
        return page(paid ? "Payment received" : "Payment declined", """
                <p id="outcome">%s</p>
                <p>Order %d, %s. You can return to the shop.</p>
                """.formatted(charge.outcome(), charge.orderId(), charge.amount().toPlainString()));
    }

    /** Every value put into the page is a number or one of our constants: nothing needs escaping. */
    private static String page(String title, String content) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title></head>
                <body><h1>Mock payment provider</h1><h2>%s</h2>
                %s</body></html>
                """.formatted(title, title, content);
    }
}
