package io.github.coro4j.examples.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The head-to-head comparison, README's main command: coroutines, virtual threads, Netty and a hand-written NIO
 * floor, all on 127.0.0.1, each server, load generator and task probe in a JVM of its own (servers and probes
 * pinned to one CPU, load generators to another, where {@code taskset} and two CPUs exist). Prints a progress line
 * per measurement, then one table with ratios, and writes {@code comparison.csv}, {@code comparison.png} and
 * {@code benchmarks-section.md} to the output folder.
 *
 * <p>Options: {@code --quick} (seconds, for tests), {@code --out DIR} (default {@code target/comparison}),
 * {@code --no-install} (do not install wrk), {@code --no-pin} (no {@code taskset}: better on a machine busy with
 * other work, where a pinned process cannot move off a crowded CPU), {@code --docs FILE} (replace the generated
 * section of FILE).
 */
public final class ComparisonMain {
    private ComparisonMain() {
    }

    /** Runs the comparison; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        boolean quick = false;
        boolean install = true;
        boolean pin = true;
        Path out = Path.of("target", "comparison");
        Path docs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-install" -> install = false;
                case "--no-pin" -> pin = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--docs" -> docs = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick, --no-install, --no-pin, --out DIR, --docs FILE)");
            }
        }
        ComparisonRun run = new ComparisonRun(quick ? ComparisonPlan.QUICK : ComparisonPlan.FULL, pin);
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "coro4j comparison on Java %s, %d CPUs, load average %s, %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), run.startLoadAverage,
                run.serverCpu >= 0 ? "servers/probes on CPU " + run.serverCpu + ", load generators on CPU "
                        + run.clientCpu : "no CPU pinning");
        warnIfBusy(run.startLoadAverage);
        new TaskScenarios(run).runAll();
        new EchoScenarios(run).runAll();
        new HttpScenarios(run, install).runAll();
        System.out.printf(Locale.ROOT, "%ncomparison finished in %.0f s%n%n", (System.nanoTime() - start) / 1e9);
        System.out.print(run.table.render());
        String command = args.length == 0 ? "mvn -q -DskipTests -Pdemo verify (README's main command)"
                : "java ... " + ComparisonMain.class.getName() + " " + String.join(" ", args);
        write(run, out, docs, command);
    }

    /** Says so when other work competes for the CPUs: every number of the run will be worse and noisier. */
    private static void warnIfBusy(String loadAverage) {
        try {
            double load = Double.parseDouble(loadAverage);
            if (load > Runtime.getRuntime().availableProcessors() / 2.0) {
                System.out.printf(Locale.ROOT, "warning: load average %.1f: other work is competing for the CPUs, "
                        + "so throughput and latency will be noisy; rerun on an idle machine to compare%n", load);
            }
        } catch (NumberFormatException e) {
            // unknown load: nothing to say
        }
    }

    private static void write(ComparisonRun run, Path out, Path docs, String command) throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve("comparison.csv");
        Files.writeString(csv, run.table.csv());
        Path png = out.resolve("comparison.png");
        try {
            ChartWriter.write(run.throughputRows, run.memoryRows, png);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.out.println("chart not drawn: " + e);
        }
        Path section = out.resolve("benchmarks-section.md");
        String markdown = DocsSection.render(run, command);
        Files.writeString(section, markdown);
        System.out.printf("%nwrote %s, %s, %s%n", csv, png, section);
        if (docs != null) {
            DocsSection.replaceIn(docs, markdown);
            System.out.println("updated " + docs);
        }
    }
}
