package it.dev.mall.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (bin/mall, Liberty's server script) and fails the test if it fails. */
public final class Commands {

    private Commands() {
    }

    public static String run(Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(TestServer.mallHome().toFile())
                .redirectErrorStream(true);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code bin/mall service NAME ACTION}: start/stop/kill one backing service that bin/mall started. */
    public static void service(String name, String action) {
        run(Duration.ofMinutes(2), TestServer.mallHome().resolve("bin/mall").toString(), "service", name, action);
    }
}
