package dev.mall;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API lives under {@code /api}; health, metrics and OpenAPI are served by Liberty beside it. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "mall", version = "1",
        description = "Shop backend whose stock is never oversold and never lost: every order state change is one XA transaction."))
public class MallApplication extends Application {
}
