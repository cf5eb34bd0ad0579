package dev.mall.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    // Few iterations keep the test fast; the format and the arithmetic do not depend on the count.
    private final PasswordHashing hashing = new PasswordHashing(1_000);

    @Test
    void hashHasPbkdf2PasswordHashFormatWithSixteenByteSaltAndThirtyTwoByteHash() {
        String stored = hashing.hash("s3cret-" + UUID.randomUUID());

        assertThat(stored).matches("PBKDF2WithHmacSHA256:1000:[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*");
        String[] parts = stored.split(":");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
    }

    @Test
    void theRightPasswordVerifiesAndAWrongOneDoesNot() {
        String password = "correct horse " + UUID.randomUUID();
        String stored = hashing.hash(password);

        assertThat(hashing.verify(password, stored)).isTrue();
        assertThat(hashing.verify(password + "x", stored)).isFalse();
        assertThat(hashing.verify("", stored)).isFalse();
    }

    @Test
    void equalPasswordsGetDifferentSaltsAndHashes() {
        String password = "same-" + UUID.randomUUID();

        assertThat(hashing.hash(password)).isNotEqualTo(hashing.hash(password));
    }

    @Test
    void theIterationCountIsTakenFromTheStoredHashNotFromTheConfiguration() {
        String password = "pw-" + UUID.randomUUID();
        String storedWithFewerIterations = new PasswordHashing(500).hash(password);

        assertThat(hashing.verify(password, storedWithFewerIterations)).isTrue();
        assertThat(hashing.needsRehash(storedWithFewerIterations)).isTrue();
        assertThat(hashing.needsRehash(hashing.hash(password))).isFalse();
        assertThat(new PasswordHashing(500).needsRehash(hashing.hash(password))).isFalse();
    }

    @Test
    void verifiesAgainstTheRfc7914TestVectorOfPbkdf2HmacSha256() {
        // RFC 7914 section 11: P = "passwd", S = "salt", c = 1, dkLen = 64.
        byte[] expected = HexFormat.of().parseHex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        String stored = "PBKDF2WithHmacSHA256:1:" + b64("salt".getBytes()) + ":" + b64(expected);

        assertThat(hashing.verify("passwd", stored)).isTrue();
        assertThat(hashing.verify("passwe", stored)).isFalse();
    }

    @Test
    void malformedStoredHashesAreRefusedNotTreatedAsAMismatch() {
        String salt = b64(new byte[16]);
        String hash = b64(new byte[32]);
        for (String malformed : new String[] {
                "", "plain-text-secret", "PBKDF2WithHmacSHA1:1000:" + salt + ":" + hash,
                "PBKDF2WithHmacSHA256:1000:" + salt, "PBKDF2WithHmacSHA256:x:" + salt + ":" + hash,
                "PBKDF2WithHmacSHA256:0:" + salt + ":" + hash, "PBKDF2WithHmacSHA256:99999999:" + salt + ":" + hash,
                "PBKDF2WithHmacSHA256:1000:!!:" + hash, "PBKDF2WithHmacSHA256:1000:" + salt + ":",
                "PBKDF2WithHmacSHA256:1000:" + salt + ":" + hash + ":extra"}) {
            // The message may reach a log: it names neither the candidate nor the stored value.
            assertThatThrownBy(() -> hashing.verify("candidate-7f3a", malformed))
                    .as(malformed)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("candidate-7f3a")
                    .hasMessageNotContaining(hash);
        }
    }

    @Test
    void theDecoyVerificationRunsWithoutFailing() {
        hashing.verifyAgainstDecoy("anything-" + UUID.randomUUID());
    }

    @Test
    void anIterationCountOutsideTheSaneRangeIsAConfigurationError() {
        assertThatThrownBy(() -> new PasswordHashing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashing(20_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
