package dev.mall.identity.boundary;

import dev.mall.identity.control.AccessToken;
import dev.mall.identity.control.AccessTokenIssuer;
import dev.mall.identity.control.CustomerAccounts;
import dev.mall.identity.control.LoginAttempts;
import dev.mall.identity.control.LoginOutcome;
import dev.mall.identity.entity.Customer;
import dev.mall.identity.entity.Role;
import dev.mall.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registration and password login: the two ways in that need no token. */
@Path("auth")
@RequestScoped
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identity", description = "Accounts, login and the caller's profile")
public class AuthenticationResource {

    @Inject
    CustomerAccounts accounts;

    @Inject
    LoginAttempts loginAttempts;

    // Resolved at the first login, not when this resource is created: a missing signing key then breaks logins
    // (a 500 whose incident names the key in the log), not registration as well.
    @Inject
    Provider<AccessTokenIssuer> tokens;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("register")
    @Transactional
    @Operation(summary = "Register a customer account",
            description = "Creates an account with the role `customer`. The email is case-insensitive and stored in "
                    + "lower case. Log in afterwards to get a token.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the profile (GET /api/me)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountResponse.class),
                    examples = @ExampleObject(name = "registered",
                            value = "{\"id\": 42, \"email\": \"ann@example.org\", \"displayName\": \"Ann\"}")))
    @APIResponse(responseCode = "400", description = "Invalid fields",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = "{\"type\": \"https://mall.dev/problems/validation\", "
                            + "\"title\": \"Invalid request\", \"status\": 400, \"detail\": \"The request has 1 invalid field(s).\", "
                            + "\"instance\": \"/api/auth/register\", "
                            + "\"errors\": [{\"field\": \"password\", \"message\": \"must be 8 to 128 characters long\"}]}")))
    @APIResponse(responseCode = "409", description = "The email has an account already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "taken", value = "{\"type\": \"https://mall.dev/problems/email-taken\", "
                            + "\"title\": \"Email already registered\", \"status\": 409, "
                            + "\"detail\": \"An account with this email address exists already.\", \"instance\": \"/api/auth/register\"}")))
    public Response register(@Valid @NotNull RegisterRequest request) {
        Customer customer = accounts.register(request.email(), request.displayName(), request.password(),
                Set.of(Role.CUSTOMER));
        // There is no per-account URL: an account is read as "me" with its own token.
        return Response.created(uriInfo.getBaseUriBuilder().path("me").build())
                .entity(AccountResponse.of(customer))
                .build();
    }

    @POST
    @Path("login")
    @Transactional
    @Operation(summary = "Log in with email and password",
            description = "Answers an RS256 MP-JWT access token (claims iss, aud=mall, sub=account id, upn=email, "
                    + "groups=roles, iat, exp, jti). After 5 consecutive failures the account is locked for 30 s, "
                    + "doubling with every further failure up to 15 min; a successful login resets the count, and "
                    + "failures a day old are forgotten. An email without an account answers exactly the same way.")
    @APIResponse(responseCode = "200", description = "Logged in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class),
                    examples = @ExampleObject(name = "token",
                            value = "{\"accessToken\": \"eyJraWQiOi...\", \"tokenType\": \"Bearer\", \"expiresIn\": 3600}")))
    @APIResponse(responseCode = "401", description = "Unknown email or wrong password (the two are indistinguishable)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "rejected", value = "{\"type\": \"https://mall.dev/problems/invalid-credentials\", "
                            + "\"title\": \"Invalid credentials\", \"status\": 401, "
                            + "\"detail\": \"Email or password is wrong.\", \"instance\": \"/api/auth/login\"}")))
    @APIResponse(responseCode = "429", description = "Too many failed logins; Retry-After says when to try again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "locked", value = "{\"type\": \"https://mall.dev/problems/login-locked\", "
                            + "\"title\": \"Too many failed logins\", \"status\": 429, "
                            + "\"detail\": \"Logins for this account are paused after repeated failures; try again in 30 seconds.\", "
                            + "\"instance\": \"/api/auth/login\"}")))
    public Response login(@Valid @NotNull LoginRequest request) {
        LoginOutcome outcome = loginAttempts.attempt(request.email(), request.password());
        if (outcome instanceof LoginOutcome.Authenticated authenticated) {
            Customer customer = authenticated.customer();
            AccessToken token = tokens.get().issue(customer.id(), customer.email(), customer.roles());
            return Response.ok(TokenResponse.of(token)).cacheControl(noStore()).build();
        }
        if (outcome instanceof LoginOutcome.LockedOut locked) {
            long seconds = retryAfterSeconds(locked.retryAfter());
            return problem(Problem.of("login-locked", "Too many failed logins", Response.Status.TOO_MANY_REQUESTS,
                            "Logins for this account are paused after repeated failures; try again in " + seconds + " seconds."))
                    .header("Retry-After", seconds)
                    .build();
        }
        // The same body for an unknown email and a wrong password, so the answer does not reveal which accounts exist.
        return problem(Problem.of("invalid-credentials", "Invalid credentials", Response.Status.UNAUTHORIZED,
                        "Email or password is wrong."))
                .header("WWW-Authenticate", "Bearer realm=\"mall\"")
                .build();
    }

    private Response.ResponseBuilder problem(Problem problem) {
        return Response.fromResponse(problem.at(uriInfo.getRequestUri().getRawPath()).toResponse())
                .cacheControl(noStore());
    }

    /** Whole seconds, rounded up: a client that waits exactly this long finds the account open again. */
    static long retryAfterSeconds(Duration remaining) {
        long seconds = remaining.toSeconds() + (remaining.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    // Tokens and answers about credentials must not be kept by caches or proxies (RFC 6749 §5.1).
    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
