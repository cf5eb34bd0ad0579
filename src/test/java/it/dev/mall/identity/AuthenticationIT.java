package it.dev.mall.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import it.dev.mall.support.Accounts;
import it.dev.mall.support.Accounts.Account;
import it.dev.mall.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Registration, login, tokens and their verification by Liberty's mpJwt, black-box over HTTP. Every test registers
 * its own random accounts. Tokens with one defect each are forged here with the server's real private key
 * (MALL_JWT_PRIVATE_KEY_FILE, exported by bin/mall), so that each is refused for that defect alone; one correctly
 * forged token proves the forging itself is right.
 */
class AuthenticationIT {

    private static final String REGISTER = "/api/auth/register";
    private static final String LOGIN = "/api/auth/login";
    private static final String ME = "/api/me";
    private static final String PROBLEM_JSON = "application/problem+json";

    // ---------------------------------------------------------------- registration

    @Test
    void registrationAnswers201WithTheAccountAndWhereToReadIt() {
        String email = randomEmail();

        json().body(registration("Mixed." + email.toUpperCase(Locale.ROOT), "pw-" + UUID.randomUUID(), "Ann"))
                .post(REGISTER)
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith(ME))
                .body("id", notNullValue())
                .body("email", equalTo("mixed." + email))
                .body("displayName", equalTo("Ann"))
                .body(not(containsString("password")));
    }

    @Test
    void anEmailRegisteredOnceIsTakenWhateverItsCase() {
        String email = randomEmail();
        json().body(registration(email, "pw-" + UUID.randomUUID(), "First")).post(REGISTER)
                .then().statusCode(201);

        json().body(registration(email.toUpperCase(Locale.ROOT), "pw-" + UUID.randomUUID(), "Second"))
                .post(REGISTER)
                .then()
                .statusCode(409)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(409))
                .body("type", endsWith("/email-taken"))
                .body("instance", equalTo(REGISTER))
                .body(not(containsString("Exception")));
    }

    @Test
    void invalidRegistrationFieldsAre400WithOneErrorEach() {
        json().body(registration("not-an-email-" + UUID.randomUUID(), "short", " "))
                .post(REGISTER)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(400))
                .body("errors", hasSize(3))
                .body("errors.field", containsInAnyOrder("email", "password", "displayName"));
    }

    @Test
    void aTooLongPasswordIs400() {
        json().body(registration(randomEmail(), "x".repeat(129), "Long"))
                .post(REGISTER)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("errors.field", containsInAnyOrder("password"));
    }

    @Test
    void aRegistrationWithoutBodyIs400NamingTheRequest() {
        json().body("null").post(REGISTER)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("errors.field", containsInAnyOrder("request"));
    }

    // ---------------------------------------------------------------- login

    @Test
    void loginAnswersABearerTokenWithTheDocumentedClaims() throws Exception {
        String email = randomEmail();
        String password = "pw-" + UUID.randomUUID();
        long id = register(email, password);
        Instant before = Instant.now().minusSeconds(120);

        Response response = login(email, password);

        response.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", containsString("no-store"))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0));
        SignedJWT jwt = SignedJWT.parse(response.jsonPath().getString("accessToken"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().getKeyID()).as("no kid: Liberty's PEM key has none to match").isNull();
        assertThat(jwt.verify(new RSASSAVerifier(Keys.serverPublicKey()))).as("signed by the server's key").isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(Keys.issuer());
        assertThat(claims.getAudience()).containsExactly("mall");
        assertThat(claims.getSubject()).isEqualTo(Long.toString(id));
        assertThat(claims.getStringClaim("upn")).isEqualTo(email);
        assertThat(claims.getStringListClaim("groups")).containsExactly("customer");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isBetween(before, Instant.now().plusSeconds(120));
        long lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()).toSeconds();
        assertThat(lifetime).isEqualTo(response.jsonPath().getLong("expiresIn"));
    }

    @Test
    void theEmailIsCaseInsensitiveAtLoginToo() {
        String email = randomEmail();
        String password = "pw-" + UUID.randomUUID();
        register(email, password);

        login(email.toUpperCase(Locale.ROOT), password).then().statusCode(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        String email = randomEmail();
        String password = "pw-" + UUID.randomUUID();
        register(email, password);

        Response wrongPassword = login(email, password + "-wrong");
        Response unknownEmail = login(randomEmail(), password);

        for (Response response : List.of(wrongPassword, unknownEmail)) {
            response.then()
                    .statusCode(401)
                    .contentType(startsWith(PROBLEM_JSON))
                    .body("status", equalTo(401))
                    .body("detail", containsString("Email or password is wrong"))
                    .body(not(containsString("@")));
        }
        assertThat(wrongPassword.asString()).isEqualTo(unknownEmail.asString());
        assertThat(wrongPassword.contentType()).isEqualTo(unknownEmail.contentType());
    }

    @Test
    void fiveFailedLoginsLockTheAccountWith429AndRetryAfter() {
        String email = randomEmail();
        String password = "pw-" + UUID.randomUUID();
        register(email, password);

        for (int attempt = 1; attempt <= 5; attempt++) {
            login(email, "wrong-" + attempt).then().statusCode(401);
        }

        // Locked: not even the right password gets in now.
        Response locked = login(email, password);
        locked.then()
                .statusCode(429)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(429));
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 30);
    }

    /**
     * The lockout must not tell which addresses are registered: an address without an account answers exactly like a
     * registered one under the same guesses — 401 five times, then 429 with the same problem and Retry-After.
     */
    @Test
    void anAddressWithoutAccountLocksExactlyLikeARegisteredOne() {
        String registered = randomEmail();
        register(registered, "pw-" + UUID.randomUUID());
        String unknown = randomEmail();

        for (int attempt = 1; attempt <= 5; attempt++) {
            Response forAccount = login(registered, "wrong-" + attempt);
            Response forNobody = login(unknown, "wrong-" + attempt);
            assertThat(forNobody.statusCode()).as("attempt " + attempt).isEqualTo(forAccount.statusCode()).isEqualTo(401);
            assertThat(forNobody.jsonPath().getString("detail")).isEqualTo(forAccount.jsonPath().getString("detail"));
        }
        Response accountLocked = login(registered, "wrong-6");
        Response nobodyLocked = login(unknown.toUpperCase(Locale.ROOT), "wrong-6");
        assertThat(nobodyLocked.statusCode()).isEqualTo(accountLocked.statusCode()).isEqualTo(429);
        assertThat(nobodyLocked.contentType()).startsWith(PROBLEM_JSON);
        assertThat(nobodyLocked.jsonPath().getString("type")).isEqualTo(accountLocked.jsonPath().getString("type"));
        assertThat(nobodyLocked.jsonPath().getString("title")).isEqualTo(accountLocked.jsonPath().getString("title"));
        assertThat(Integer.parseInt(nobodyLocked.header("Retry-After"))).isBetween(1, 30);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String email = randomEmail();
        String password = "pw-" + UUID.randomUUID();
        register(email, password);

        for (int round = 0; round < 2; round++) {
            for (int attempt = 1; attempt <= 4; attempt++) {
                login(email, "wrong-" + attempt).then().statusCode(401);
            }
            login(email, password).then().statusCode(200);
        }
    }

    @Test
    void invalidLoginFieldsAre400() {
        json().body("{\"email\": \" \", \"password\": \"\"}").post(LOGIN)
                .then()
                .statusCode(400)
                .contentType(startsWith(PROBLEM_JSON))
                .body("errors.field", containsInAnyOrder("email", "password"));
    }

    // ---------------------------------------------------------------- the profile and the token matrix

    @Test
    void theProfileIsTheTokensAccount() {
        Account customer = Accounts.customer();

        Response profile = given().baseUri(TestServer.baseUri()).header("Authorization", customer.bearer()).get(ME);

        profile.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("email", equalTo(customer.email()))
                .body("displayName", equalTo("IT customer"))
                .body("roles", containsInAnyOrder("customer"));
        assertThat(profile.jsonPath().getLong("id")).isEqualTo(customer.id());
    }

    @Test
    void theAdministratorCreatedAtStartHasBothRoles() throws Exception {
        Account admin = Accounts.admin();

        assertThat(SignedJWT.parse(admin.token()).getJWTClaimsSet().getStringListClaim("groups"))
                .containsExactlyInAnyOrder("admin", "customer");
        Response profile = given().baseUri(TestServer.baseUri()).header("Authorization", admin.bearer()).get(ME);

        profile.then()
                .statusCode(200)
                .body("roles", containsInAnyOrder("admin", "customer"));
        assertThat(profile.jsonPath().getLong("id")).isEqualTo(admin.id());
    }

    @Test
    void withoutATokenTheProfileIs401ProblemJson() {
        given().baseUri(TestServer.baseUri()).accept(ContentType.JSON).get(ME)
                .then()
                .statusCode(401)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(401))
                .body(not(containsString("Exception")));
    }

    @Test
    void aCorrectlyForgedTokenIsAccepted() {
        Account customer = Accounts.customer();
        Forger forger = new Forger(customer);

        Response profile = given().baseUri(TestServer.baseUri())
                .header("Authorization", "Bearer " + forger.signed(forger.validClaims().build()))
                .get(ME);

        profile.then().statusCode(200);
        assertThat(profile.jsonPath().getLong("id")).isEqualTo(customer.id());
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void aTokenWithOneDefectIs401(Defect defect) {
        Forger forger = new Forger(Accounts.customer());

        Response response = given().baseUri(TestServer.baseUri()).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + defect.token(forger))
                .get(ME);

        assertRefusedAsUnauthenticated(response);
    }

    @Test
    void aValidTokenWithoutAShopRoleIs403ProblemJson() {
        Forger forger = new Forger(Accounts.customer());
        String token = forger.signed(forger.validClaims().claim("groups", List.of("guest")).build());

        given().baseUri(TestServer.baseUri()).accept(ContentType.JSON).header("Authorization", "Bearer " + token).get(ME)
                .then()
                .statusCode(403)
                .contentType(startsWith(PROBLEM_JSON))
                .body("status", equalTo(403))
                .body(not(containsString("Exception")));
    }

    /**
     * 401 problem+json with the scheme to use. Liberty verifies a token when a {@code @RolesAllowed} method needs a
     * caller (server.xml, useAuthenticationDataForUnprotectedResource="false"), from its REST security filter, so a
     * refusal is a REST response that the problem filters give a body (before, mpJwt refused at the web layer with
     * the status and WWW-Authenticate only).
     */
    private static void assertRefusedAsUnauthenticated(Response response) {
        assertThat(response.statusCode()).as("status").isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith(PROBLEM_JSON);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
        assertThat(response.asString()).doesNotContain("Exception");
    }

    /** Each constant is a token the server must refuse, for exactly the reason its name gives. */
    enum Defect {
        EXPIRED {
            @Override
            String token(Forger forger) {
                Instant now = Instant.now();
                // An hour past expiry: far beyond any clock skew the server allows.
                return forger.signed(forger.validClaims()
                        .issueTime(Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                        .build());
            }
        },
        SIGNED_BY_ANOTHER_KEY {
            @Override
            String token(Forger forger) {
                // The server's own key id in the header: only the signature itself can give it away.
                return Forger.sign(forger.validClaims().build(), Keys.freshPrivateKey(), forger.keyId());
            }
        },
        UNSIGNED_ALG_NONE {
            @Override
            String token(Forger forger) {
                return new PlainJWT(forger.validClaims().build()).serialize();
            }
        },
        HMAC_SIGNED_WITH_THE_PUBLIC_KEY {
            @Override
            String token(Forger forger) {
                // The classic algorithm confusion: a verifier that took the RSA public key as an HMAC secret would accept it.
                try {
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                            forger.validClaims().build());
                    jwt.sign(new MACSigner(Keys.serverPublicKeyPem()));
                    return jwt.serialize();
                } catch (JOSEException e) {
                    throw new IllegalStateException(e);
                }
            }
        },
        WRONG_ISSUER {
            @Override
            String token(Forger forger) {
                return forger.signed(forger.validClaims().issuer("https://not-mall.example").build());
            }
        },
        WRONG_AUDIENCE {
            @Override
            String token(Forger forger) {
                return forger.signed(forger.validClaims().audience("not-mall").build());
            }
        },
        PAYLOAD_CHANGED_AFTER_SIGNING {
            @Override
            String token(Forger forger) {
                String[] parts = forger.signed(forger.validClaims().build()).split("\\.");
                JWTClaimsSet escalated = forger.validClaims().claim("groups", List.of("admin", "customer")).build();
                return parts[0] + "." + Base64URL.encode(escalated.toString()) + "." + parts[2];
            }
        },
        NOT_A_JWT {
            @Override
            String token(Forger forger) {
                return "not-a-jwt-" + UUID.randomUUID();
            }
        };

        abstract String token(Forger forger);
    }

    /** Builds tokens for one real account, signed like the server's unless a test says otherwise. */
    static final class Forger {

        private final Account account;
        private final RSAPrivateKey privateKey = Keys.serverPrivateKey();
        private final String keyId;

        Forger(Account account) {
            this.account = account;
            try {
                this.keyId = new RSAKey.Builder(Keys.serverPublicKey()).build().computeThumbprint().toString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        String keyId() {
            return keyId;
        }

        /** Claims the server accepts: what it issues itself at login. */
        JWTClaimsSet.Builder validClaims() {
            Instant now = Instant.now();
            return new JWTClaimsSet.Builder()
                    .issuer(Keys.issuer())
                    .audience("mall")
                    .subject(Long.toString(account.id()))
                    .claim("upn", account.email())
                    .claim("groups", List.of("customer"))
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                    .jwtID(UUID.randomUUID().toString());
        }

        String signed(JWTClaimsSet claims) {
            return sign(claims, privateKey, keyId);
        }

        static String sign(JWTClaimsSet claims, RSAPrivateKey key, String keyId) {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }

    /** The server's key pair and issuer, from the environment bin/mall gives the test run. */
    static final class Keys {

        private Keys() {
        }

        static String issuer() {
            return env("MALL_JWT_ISSUER").orElse("https://mall.dev");
        }

        static RSAPrivateKey serverPrivateKey() {
            byte[] der = pemBody(keyFile("MALL_JWT_PRIVATE_KEY_FILE"), "PRIVATE KEY");
            try {
                return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MALL_JWT_PRIVATE_KEY_FILE is not a PKCS#8 RSA key", e);
            }
        }

        static RSAPublicKey serverPublicKey() {
            byte[] der = pemBody(keyFile("MALL_JWT_PUBLIC_KEY_FILE"), "PUBLIC KEY");
            try {
                return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MALL_JWT_PUBLIC_KEY_FILE is not an X.509 RSA public key", e);
            }
        }

        static byte[] serverPublicKeyPem() {
            try {
                return Files.readAllBytes(keyFile("MALL_JWT_PUBLIC_KEY_FILE"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static RSAPrivateKey freshPrivateKey() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return (RSAPrivateKey) generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Path keyFile(String variable) {
            return env(variable).map(Path::of).orElseThrow(() -> new IllegalStateException(variable
                    + " is not set: run the ITs through bin/mall test, which generates the key pair into var/jwt/"));
        }

        private static byte[] pemBody(Path file, String type) {
            try {
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
                return Base64.getMimeDecoder().decode(body);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }

        private static Optional<String> env(String name) {
            return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isEmpty());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static RequestSpecification json() {
        return given().baseUri(TestServer.baseUri()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static String randomEmail() {
        return "it-" + UUID.randomUUID() + "@mall.test";
    }

    private static long register(String email, String password) {
        return json().body(registration(email, password, "IT")).post(REGISTER)
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static Response login(String email, String password) {
        return json().body(jsonObject("email", email, "password", password)).post(LOGIN);
    }

    private static String registration(String email, String password, String displayName) {
        return jsonObject("email", email, "password", password, "displayName", displayName);
    }

    /** A flat JSON object of string values; the values used here need no escaping beyond quotes and backslashes. */
    private static String jsonObject(String... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ",")
                    .append('"').append(keysAndValues[i]).append("\":\"")
                    .append(keysAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return json.append('}').toString();
    }
}
