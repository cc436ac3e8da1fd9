package io.github.coro4j.examples.comparison;

import io.github.coro4j.examples.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrk HTTP load generator: finds it, installs it from Debian's packages when missing and allowed
 * ({@code apt-get update} once, then {@code apt-get install -y wrk}), runs it and reads its report. wrk is closed
 * loop: its latencies are those of a saturated server and are subject to coordinated omission.
 */
public final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** What wrk reported. */
    public record Report(double perSecond, double p50Micros, double p90Micros, double p99Micros, long errors) {
    }

    private Wrk() {
    }

    /** The path of wrk, or null. */
    public static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Finds wrk, or installs it from Debian's packages when {@code mayInstall} and this is a Debian system where we
     * are root; returns null (after saying why) when it cannot be had.
     */
    public static Path findOrInstall(boolean mayInstall) {
        Path wrk = find();
        if (wrk != null || !mayInstall) {
            return wrk;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get")) || !"root".equals(System.getProperty("user.name"))) {
            System.out.println("  wrk is missing and cannot be installed here (no apt-get, or not root)");
            return null;
        }
        System.out.println("  wrk is missing: apt-get update && apt-get install -y wrk ...");
        if (runQuietly(List.of("apt-get", "update", "-qq"), 180) && runQuietly(
                List.of("apt-get", "install", "-y", "-qq", "wrk"), 180)) {
            return find();
        }
        System.out.println("  wrk could not be installed");
        return null;
    }

    private static boolean runQuietly(List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs wrk with one thread against {@code http://127.0.0.1:port/} and parses its report. */
    public static Report run(Path wrk, int port, int connections, int seconds, int cpu)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpu >= 0 && ChildJvm.Cpus.tasksetAvailable()) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.addAll(List.of(wrk.toString(), "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "--timeout", "5s", "http://127.0.0.1:" + port + "/"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("wrk did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("wrk failed: " + text);
        }
        return parse(text);
    }

    /** Parses wrk's report (with {@code --latency}). */
    static Report parse(String text) throws IOException {
        Matcher rate = RATE.matcher(text);
        if (!rate.find()) {
            throw new IOException("no Requests/sec in wrk's report:\n" + text);
        }
        double[] percentiles = new double[3];
        Matcher p = PERCENTILE.matcher(text);
        while (p.find()) {
            int index = switch (p.group(1)) {
                case "50" -> 0;
                case "90" -> 1;
                default -> 2;
            };
            double value = Double.parseDouble(p.group(2));
            percentiles[index] = switch (p.group(3).toLowerCase(Locale.ROOT)) {
                case "us" -> value;
                case "ms" -> value * 1_000;
                default -> value * 1_000_000;
            };
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(text);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher non2xx = NON_2XX.matcher(text);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        return new Report(Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1], percentiles[2], errors);
    }
}
