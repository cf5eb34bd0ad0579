package dev.mall.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class TraceparentTest {

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(random);
    }

    @Test
    void readsTraceAndParentSpanIds() {
        String trace = hex(16);
        String span = hex(8);
        assertThat(Traceparent.parse("00-" + trace + "-" + span + "-01"))
                .contains(new Traceparent(trace, span));
        assertThat(Traceparent.parse(" 00-" + trace + "-" + span + "-00 ")).contains(new Traceparent(trace, span));
    }

    @Test
    void ignoresWhatIsNotATraceparent() {
        String trace = hex(16);
        String span = hex(8);
        assertThat(Traceparent.parse(null)).isEmpty();
        assertThat(Traceparent.parse("")).isEmpty();
        assertThat(Traceparent.parse("00-" + trace + "-" + span)).isEmpty();
        assertThat(Traceparent.parse("00-" + trace.toUpperCase() + "-" + span + "-01")).isEmpty();
        assertThat(Traceparent.parse("ff-" + trace + "-" + span + "-01")).isEmpty();
        assertThat(Traceparent.parse("00-" + "0".repeat(32) + "-" + span + "-01")).isEmpty();
        assertThat(Traceparent.parse("00-" + trace + "-" + "0".repeat(16) + "-01")).isEmpty();
        assertThat(Traceparent.parse("00-" + trace + "-" + span + "-01\n{\"forged\":1}")).isEmpty();
    }
}
