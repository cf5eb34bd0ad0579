package dev.mall.payment.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackSignatureTest {

    private final CallbackSignature signature = new CallbackSignature(Optional.of("s3cret"));
    private final byte[] body = "{\"paymentId\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsItsOwnSignatureOverTheExactBytes() {
        String signed = signature.sign(body);
        assertThat(signed).startsWith("sha256=").hasSize(7 + 64);
        assertThat(signature.verify(body, signed)).isTrue();
        assertThat(signature.verify("{\"paymentId\":2}".getBytes(StandardCharsets.UTF_8), signed)).isFalse();
    }

    @Test
    void rejectsOtherKeysMissingAndMalformedHeaders() {
        String foreign = new CallbackSignature(Optional.of("other")).sign(body);
        assertThat(signature.verify(body, foreign)).isFalse();
        assertThat(signature.verify(body, null)).isFalse();
        assertThat(signature.verify(body, "sha256=zz")).isFalse();
        assertThat(signature.verify(body, "md5=00")).isFalse();
    }

    @Test
    void withoutASecretNothingVerifies() {
        CallbackSignature unset = new CallbackSignature(Optional.of(" "));
        assertThat(unset.verify(body, signature.sign(body))).isFalse();
    }
}
