package it.dev.mall.support;

import static io.restassured.RestAssured.given;

import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import java.text.ParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Shop accounts for integration tests, logged in against the test server: a fresh random customer per call, or the
 * administrator that the server creates at start from MALL_ADMIN_EMAIL / MALL_ADMIN_PASSWORD (bin/mall exports
 * both, from var/secrets.env). Nothing is cached, so tests share no state through this class.
 */
public final class Accounts {

    public record Account(long id, String email, String password, String token) {

        /** The value of an {@code Authorization} header. */
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private Accounts() {
    }

    /** Registers a new customer with a random email and password, and logs it in. */
    public static Account customer() {
        String suffix = UUID.randomUUID().toString();
        String email = "it-" + suffix + "@mall.test";
        String password = "pw-" + suffix;
        long id = given().baseUri(TestServer.baseUri()).contentType(ContentType.JSON)
                .body(jsonObject("email", email, "password", password, "displayName", "IT customer"))
                .post("/api/auth/register")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return new Account(id, email, password, login(email, password));
    }

    /** The administrator the server created at start; fails with a hint if the environment lacks its password. */
    public static Account admin() {
        String email = env("MALL_ADMIN_EMAIL", "admin@mall.local");
        String password = env("MALL_ADMIN_PASSWORD", "");
        if (password.isEmpty()) {
            throw new IllegalStateException("MALL_ADMIN_PASSWORD is not set: run the ITs through bin/mall test, "
                    + "which exports it from var/secrets.env");
        }
        String token = login(email, password);
        return new Account(subjectOf(token), email.toLowerCase(Locale.ROOT), password, token);
    }

    /** The Liberty administrator (Admin Center, /metrics), not a shop account. */
    public static String libertyAdminUser() {
        return env("MALL_LIBERTY_ADMIN_USER", "admin");
    }

    public static String libertyAdminPassword() {
        String password = env("MALL_LIBERTY_ADMIN_PASSWORD", "");
        if (password.isEmpty()) {
            throw new IllegalStateException("MALL_LIBERTY_ADMIN_PASSWORD is not set: run the ITs through bin/mall test, "
                    + "which exports it from var/secrets.env");
        }
        return password;
    }

    /** {@code POST /api/auth/login}; the access token, or an assertion error naming the status. */
    private static String login(String email, String password) {
        return given().baseUri(TestServer.baseUri()).contentType(ContentType.JSON)
                .body(jsonObject("email", email, "password", password))
                .post("/api/auth/login")
                .then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
    }

    private static long subjectOf(String token) {
        try {
            return Long.parseLong(SignedJWT.parse(token).getJWTClaimsSet().getSubject());
        } catch (ParseException e) {
            throw new IllegalStateException("The server issued a token that is not a JWT", e);
        }
    }

    /** A flat JSON object of string values (the test classpath has no JSON binding for REST Assured to use). */
    private static String jsonObject(String... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",").append(quote(keysAndValues[i])).append(':').append(quote(keysAndValues[i + 1]));
        }
        return json.append('}').toString();
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
