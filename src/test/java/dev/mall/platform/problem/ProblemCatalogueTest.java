package dev.mall.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mall.platform.domain.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProblemCatalogueTest {

    /** A reason as domain code names it: {@code new Refusal("sold-out", …)} or {@code super("order-state", …)}. */
    private static final Pattern REASON = Pattern.compile("(?:new Refusal|super)\\(\\s*(?:[^\";]*?\\?\\s*)?\"([a-z-]+)\"");

    @Test
    void everyReasonTheCodeRaisesHasAnEntry() throws IOException {
        Set<String> raised = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/mall"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                if (!text.contains("Refusal")) {
                    continue;
                }
                Matcher matcher = REASON.matcher(text);
                while (matcher.find()) {
                    raised.add(matcher.group(1));
                }
            }
        }
        assertThat(raised).contains("order-state", "sold-out", "insufficient-stock", "cart-changed", "email-taken",
                "refund-provider-unreachable");
        assertThat(ProblemCatalogue.reasons()).containsAll(raised);
    }

    @Test
    void everySlugIsDocumented() throws IOException {
        String api = Files.readString(Path.of("docs/API.md"));
        for (String reason : ProblemCatalogue.reasons()) {
            assertThat(api).as("docs/API.md names " + reason).contains("`" + ProblemCatalogue.entryOf(reason).slug() + "`");
        }
    }

    @Test
    void aRefusalReadsAsItsEntrySays() {
        Problem soldOut = ProblemCatalogue.problemOf(new Refusal("sold-out", "Flash sale 3 is sold out."));
        assertThat(soldOut.type().toString()).isEqualTo("https://mall.dev/problems/sold-out");
        assertThat(soldOut.title()).isEqualTo("Sold out");
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.detail()).isEqualTo("Flash sale 3 is sold out.");
        assertThat(soldOut.errors()).isNull();

        Problem unreachable = ProblemCatalogue.problemOf(new Refusal("refund-provider-unreachable", "timed out"));
        assertThat(unreachable.type().toString()).endsWith("/refund-failed");
        assertThat(unreachable.status()).isEqualTo(502);

        Problem invalid = ProblemCatalogue.problemOf(Refusal.invalid("amount", "must be more than 0"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.type().toString()).endsWith("/validation");
        assertThat(invalid.errors()).containsExactly(new Problem.FieldError("amount", "must be more than 0"));

        assertThat(ProblemCatalogue.problemOf(Refusal.notFound("Order 7")).detail()).isEqualTo("Order 7 does not exist.");
        assertThat(ProblemCatalogue.problemOf(new Refusal("no-such-reason", "x")).status()).isEqualTo(500);
    }

    @Test
    void theHttpLayersOwnShortcutsMatchTheCatalogue() {
        assertThat(ProblemException.notFound("SKU 1").problem())
                .isEqualTo(ProblemCatalogue.problemOf(Refusal.notFound("SKU 1")));
        assertThat(ProblemException.invalid(List.of(new Problem.FieldError("a", "b"))).problem().errors())
                .containsExactly(new Problem.FieldError("a", "b"));
    }
}
