package dev.mall.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault headers steer a request only where a test server turned them on: the production configuration (the
 * shipped server.xml and microprofile-config.properties, and the filter's own default) ignores them.
 */
class TestDirectivesFilterTest {

    private static final Map<String, String> HOSTILE = Map.of(TestDirectivesFilter.FAULT_HEADER, "crash-in-commit",
            TestDirectivesFilter.RESERVATION_TIMEOUT_HEADER, "PT3S");

    @Test
    void theProductionConfigurationNeverTurnsTheTestHooksOn() throws IOException {
        for (String file : new String[] {"src/main/liberty/config/server.xml",
                "src/main/resources/META-INF/microprofile-config.properties"}) {
            assertThat(Files.readString(Path.of(file))).as(file).doesNotContain("test-hooks");
        }
        assertThat(Files.readString(Path.of("src/test/liberty/configDropins/overrides/test.xml")))
                .as("the test server's override, the only place that turns them on")
                .contains("<variable name=\"mall.test-hooks.enabled\" value=\"true\"/>");
    }

    @Test
    void withTheHooksOffTheHeadersAreIgnored() {
        TestDirectives directives = filter(false, HOSTILE);
        assertThat(directives.asksFor("crash-in-commit")).isFalse();
        assertThat(directives.reservationTimeout()).isEmpty();
    }

    @Test
    void onlyATestServerHonoursThem() {
        TestDirectives directives = filter(true, HOSTILE);
        assertThat(directives.asksFor("crash-in-commit")).isTrue();
        assertThat(directives.reservationTimeout()).contains(Duration.ofSeconds(3));
    }

    private static TestDirectives filter(boolean enabled, Map<String, String> headers) {
        TestDirectivesFilter filter = new TestDirectivesFilter();
        filter.enabled = enabled;
        filter.directives = new TestDirectives();
        filter.filter((ContainerRequestContext) Proxy.newProxyInstance(TestDirectivesFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaderString")) {
                        return headers.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
        return filter.directives;
    }
}
