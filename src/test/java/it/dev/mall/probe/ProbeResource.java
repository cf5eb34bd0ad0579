package it.dev.mall.probe;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Response;

/**
 * HTTP entry of the probe: {@code POST /mall-probe/transactions/{id}?delay=&hold=&fail=}: 204 committed, 409 rolled
 * back by the forced failure after the three writes, 500 any other failure.
 */
@Path("transactions")
public class ProbeResource {

    @Inject
    ProbeTransactions transactions;

    @POST
    @Path("{id}")
    public Response run(@PathParam("id") String id,
                        @QueryParam("delay") @DefaultValue("0") long delayMillis,
                        @QueryParam("hold") @DefaultValue("0") long holdMillis,
                        @QueryParam("fail") @DefaultValue("false") boolean fail) {
        try {
            transactions.writeThenSend(id, delayMillis, holdMillis, fail);
            return Response.noContent().build();
        } catch (EJBException e) {
            // 409 only for the forced failure, which is thrown after all three writes: a transaction that failed
            // before them must not pass for a rollback of them.
            if (e.getCause() instanceof ProbeTransactions.ProbeFailure) {
                return Response.status(Response.Status.CONFLICT).entity("rolled back after the three writes").build();
            }
            return Response.serverError().entity("failed before the forced failure: " + e.getCause()).build();
        }
    }

    @GET
    @Path("ready")
    public String ready() {
        return "ready";
    }

    @ApplicationPath("/")
    public static class ProbeApplication extends Application {
    }
}
