package it.dev.mall.support;

/**
 * Whether the tests run on CI ({@code CI=true}, as CI services set it): there a test may not skip itself for a missing
 * tool or service, because a skipped test leaves the build green with the thing it covers untested.
 */
public final class ContinuousIntegration {

    private ContinuousIntegration() {
    }

    public static boolean active() {
        return "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""));
    }
}
