package dev.mall;

import dev.mall.platform.problem.Problem;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API lives under {@code /api}; health, metrics and OpenAPI are served by Liberty beside it. Callers
 * authenticate with an MP-JWT bearer token (issued by {@code POST /api/auth/login}); its {@code groups} claim holds
 * the roles below.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT", realmName = "mall")
@DeclareRoles({"customer", "admin"})
@OpenAPIDefinition(info = @Info(title = "mall", version = "1",
        description = "Shop backend whose stock is never oversold and never lost: every order state change is one XA transaction."),
        // The body of every 4xx/5xx answer, declared once: platform.problem.ProblemResponsesDocument points each error
        // response of each operation here, so the resources name only their error codes and what they mean.
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class MallApplication extends Application {
}
