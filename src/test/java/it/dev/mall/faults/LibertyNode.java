package it.dev.mall.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One Liberty server of the suite's cluster. All nodes run the one server configuration the build made
 * ("mall-faults"); each gets its own output directory (WLP_OUTPUT_DIR: logs, workarea, pid file), its own ports and
 * its own recovery identity (MALL_SERVER_ID), as separate machines would. Everything else — databases, broker, Redis,
 * secrets — comes from the environment bin/mall exported.
 */
final class LibertyNode {

    final String id;
    final int httpPort;
    final int httpsPort;
    private final Path wlp;
    private final String server;
    private final Path outputDir;
    private int starts;

    LibertyNode(String id, int httpPort, int httpsPort, Path wlp, String server, Path outputDir) {
        this.id = id;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.wlp = wlp;
        this.server = server;
        this.outputDir = outputDir;
    }

    String baseUri() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path messagesLog() {
        return outputDir.resolve(server).resolve("logs/messages.log");
    }

    Optional<ProcessHandle> process() {
        Path pidFile = outputDir.resolve(".pid").resolve(server + ".pid");
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean running() {
        return process().isPresent();
    }

    /** {@code server start} (returns once Liberty reports the server started), then readiness UP. */
    void start(ShopApi api) {
        starts++;
        Path startLog = outputDir.resolve("start-" + starts + ".log");
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "start", server)
                .redirectErrorStream(true).redirectOutput(startLog.toFile());
        Map<String, String> env = builder.environment();
        env.put("WLP_OUTPUT_DIR", outputDir.toString());
        env.put("MALL_HTTP_PORT", Integer.toString(httpPort));
        env.put("MALL_HTTPS_PORT", Integer.toString(httpsPort));
        env.put("MALL_SERVER_ID", id);
        // Only the quick JIT: the suite restarts servers on a small machine under load, and start-up time is mostly
        // compilation; peak throughput does not matter here.
        env.put("JVM_ARGS", "-XX:TieredStopAtLevel=1");
        try {
            Files.createDirectories(outputDir);
            Process process = builder.start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(id + ": server start did not return within 4 minutes; see " + startLog);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(id + ": server start exited " + process.exitValue() + ": "
                        + Files.readString(startLog));
            }
        } catch (IOException e) {
            throw new IllegalStateException(id + ": cannot run " + wlp.resolve("bin/server"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        await(id + " ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.ready(baseUri()));
    }

    /** kill -9: no shutdown hook runs, nothing is flushed beyond what was already forced. */
    void killHard() {
        ProcessHandle process = process().orElseThrow(() -> new IllegalStateException(id + " is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** {@code server stop}; the end of a run. */
    void stop() {
        if (!running()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", server)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WLP_OUTPUT_DIR", outputDir.toString());
        try {
            builder.start().waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The lines of the current messages.log (Liberty starts a new one at every start). */
    List<String> logLines() {
        try {
            return Files.exists(messagesLog()) ? Files.readAllLines(messagesLog(), StandardCharsets.ISO_8859_1)
                    : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Waits until the log from line {@code from} on satisfies {@code condition}; the time it took. */
    Duration awaitLog(String description, int from, Duration atMost, Predicate<List<String>> condition) {
        Instant start = Instant.now();
        await(id + ": " + description).atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<String> lines = logLines();
                    return condition.test(lines.subList(Math.min(from, lines.size()), lines.size()));
                });
        return Duration.between(start, Instant.now());
    }

    @Override
    public String toString() {
        return id;
    }
}
