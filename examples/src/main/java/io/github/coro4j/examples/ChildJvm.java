package io.github.coro4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this module's mains with the same {@code java} binary and class path, optionally
 * pinned to one CPU with {@code taskset}. Servers, load generators and memory probes each run in a child of their
 * own, so that they share neither heap, JIT nor the per-process limit of open files. Its standard output and error
 * are read line by line; the last lines are kept for error messages.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final String label;

    private ChildJvm(Process process, String label) {
        this.process = process;
        this.label = label;
        Thread reader = new Thread(this::pump, "child-output-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param cpu the CPU to pin it to, or -1 for none (pinning is skipped where {@code taskset} is missing)
     */
    public static ChildJvm start(String label, Class<?> mainClass, List<String> jvmOptions, List<String> args, int cpu)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (cpu >= 0 && Cpus.tasksetAvailable()) {
            command.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        return new ChildJvm(builder.start(), label);
    }

    /** The class path of this JVM, also when it runs under Maven Surefire's manifest-only jar. */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * Waits for an output line that starts with {@code prefix} and returns it; other lines are skipped.
     *
     * @throws IOException if the child ends or the time runs out first, with its last output lines
     */
    public String awaitLine(String prefix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new IOException(label + ": no '" + prefix + "' line within " + timeout + "; output:\n"
                            + tail());
                }
                if (line.equals(EOF)) {
                    lines.add(EOF);
                    throw new IOException(label + " ended without a '" + prefix + "' line; output:\n" + tail());
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends a line to the child's standard input. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(label + " does not read its input", e);
        }
    }

    /** The child's last output lines. */
    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** Closes the child's input, waits up to {@code grace} for it to end, then kills it. */
    public void stop(Duration grace) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    /** CPUs this process may run on, for pinning children apart. */
    public static final class Cpus {
        private Cpus() {
        }

        /** Whether {@code taskset} is on the PATH. */
        public static boolean tasksetAvailable() {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (Files.isExecutable(Path.of(dir, "taskset"))) {
                    return true;
                }
            }
            return false;
        }

        /** The CPU numbers this process may use (from /proc/self/status), or an empty list if unknown. */
        public static List<Integer> allowed() {
            List<Integer> cpus = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("Cpus_allowed_list:")) {
                        for (String range : line.substring(18).trim().split(",")) {
                            String[] ends = range.split("-");
                            int from = Integer.parseInt(ends[0].trim());
                            int to = Integer.parseInt(ends[ends.length - 1].trim());
                            for (int c = from; c <= to; c++) {
                                cpus.add(c);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
            return cpus;
        }
    }
}
