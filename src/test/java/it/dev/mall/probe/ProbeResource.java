package it.dev.mall.probe;

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

/** HTTP entry of the probe: {@code POST /mall-probe/transactions/{id}?hold=}: 204 once the transaction committed. */
@Path("transactions")
public class ProbeResource {

    @Inject
    ProbeTransactions transactions;

    @POST
    @Path("{id}")
    public Response run(@PathParam("id") String id, @QueryParam("hold") @DefaultValue("0") long holdMillis) {
        transactions.writeThenSend(id, holdMillis);
        return Response.noContent().build();
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
