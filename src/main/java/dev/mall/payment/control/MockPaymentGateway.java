package dev.mall.payment.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A stand-in for a real payment provider: once the transaction that created a payment has committed, it "processes"
 * the charge and answers the way real providers do, with an HMAC-signed HTTP callback to
 * {@code POST /api/payments/callback}, asynchronously and outside any of our transactions. The outcome is the one the
 * customer asked for ({@code SUCCESS} or {@code FAILURE}).
 */
@ApplicationScoped
public class MockPaymentGateway {

    private static final Logger LOG = Logger.getLogger(MockPaymentGateway.class.getName());

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    @Inject
    CallbackSignature signature;

    private final Client client = ClientBuilder.newBuilder()
            .connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).build();
    private final Jsonb json = JsonbBuilder.create();

    /** Charges after the current transaction commits (nothing happens if it rolls back). */
    public void chargeAfterCommit(PaymentCallback answer, URI callback) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    callBack(answer, callback);
                }
            }
        });
    }

    public static String newProviderTransactionId() {
        return "mock-" + UUID.randomUUID();
    }

    private void callBack(PaymentCallback answer, URI callback) {
        byte[] body = json.toJson(answer).getBytes(StandardCharsets.UTF_8);
        client.target(callback).request()
                .header(CallbackSignature.HEADER, signature.sign(body))
                .async()
                .post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE), new InvocationCallback<Response>() {
                    @Override
                    public void completed(Response response) {
                        if (response.getStatus() != 200) {
                            LOG.warning(() -> "Payment callback for payment " + answer.paymentId() + " answered "
                                    + response.getStatus());
                        }
                        response.close();
                    }

                    @Override
                    public void failed(Throwable error) {
                        LOG.log(Level.WARNING, "Payment callback for payment " + answer.paymentId() + " failed", error);
                    }
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
