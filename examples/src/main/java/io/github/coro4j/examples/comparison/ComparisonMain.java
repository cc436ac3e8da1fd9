package io.github.coro4j.examples.comparison;

import io.github.coro4j.examples.ChildJvm;
import io.github.coro4j.examples.loadgen.LoadGeneratorProcess;
import io.github.coro4j.examples.loadgen.LoadResult;
import io.github.coro4j.examples.loadgen.LoadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head-to-head comparison, README's main command: coroutines, virtual threads, Netty and a hand-written NIO
 * floor, all on 127.0.0.1, each server, load generator and memory probe in a JVM of its own (servers and probes
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
    private final ComparisonPlan plan;
    private final boolean mayInstallWrk;
    private final ResultTable table = new ResultTable();
    private final List<ResultTable.Row> throughputRows = new ArrayList<>();
    private final List<ResultTable.Row> memoryRows = new ArrayList<>();
    private final int serverCpu;
    private final int clientCpu;
    private String httpLoadGenerator = "";
    private int step;

    ComparisonMain(ComparisonPlan plan, boolean mayInstallWrk, boolean mayPin) {
        this.plan = plan;
        this.mayInstallWrk = mayInstallWrk;
        List<Integer> cpus = ChildJvm.Cpus.allowed();
        boolean pin = mayPin && cpus.size() >= 2 && ChildJvm.Cpus.tasksetAvailable();
        this.serverCpu = pin ? cpus.get(0) : -1;
        this.clientCpu = pin ? cpus.get(1) : -1;
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
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        ComparisonMain comparison = new ComparisonMain(quick ? ComparisonPlan.QUICK : ComparisonPlan.FULL, install,
                pin);
        comparison.runAll();
        comparison.write(out, docs);
    }

    void runAll() {
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "coro4j comparison on Java %s, %d CPUs, load average %s, %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage(),
                serverCpu >= 0 ? "servers/probes on CPU " + serverCpu + ", load generators on CPU " + clientCpu
                        : "no CPU pinning");
        memory();
        spawn();
        handOff();
        for (int connections : plan.echoConnections()) {
            echo(connections);
        }
        http();
        System.out.printf(Locale.ROOT, "%ncomparison finished in %.0f s%n%n", (System.nanoTime() - start) / 1e9);
        System.out.print(table.render());
    }

    void write(Path out, Path docs) throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve("comparison.csv");
        Files.writeString(csv, table.csv());
        Path png = out.resolve("comparison.png");
        try {
            ChartWriter.write(throughputRows, memoryRows, png);
        } catch (IOException | RuntimeException | LinkageError e) {
            System.out.println("chart not drawn: " + e);
        }
        Path section = out.resolve("benchmarks-section.md");
        String markdown = DocsSection.render(table, plan, httpLoadGenerator, serverCpu, clientCpu);
        Files.writeString(section, markdown);
        System.out.printf("%nwrote %s, %s, %s%n", csv, png, section);
        if (docs != null) {
            DocsSection.replaceIn(docs, markdown);
            System.out.println("updated " + docs);
        }
    }

    ResultTable table() {
        return table;
    }

    private void progress(String scenario, Side side, String result) {
        System.out.printf(Locale.ROOT, "[%2d] %-38s %-16s %s%n", ++step, scenario, side.label(), result);
    }

    private interface Measure {
        Map<String, Double> run() throws Exception;
    }

    /** Runs {@code measure} for one side, filling that side's cell in each of the metric rows. */
    private void measure(String scenario, Side side, boolean available, List<Map<Side, ResultTable.Cell>> cells,
            List<String> keys, Measure measure) {
        if (!available) {
            String text = Implementations.missing(side);
            cells.forEach(c -> c.put(side, ResultTable.Cell.text(text)));
            if (side == Side.COROUTINES) {
                progress(scenario, side, "coroutines: pending");
            }
            return;
        }
        long start = System.nanoTime();
        try {
            Map<String, Double> values = measure.run();
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                Double v = values.get(keys.get(i));
                cells.get(i).put(side, v == null ? ResultTable.Cell.text("failed") : ResultTable.Cell.of(v));
                shown.append(keys.get(i)).append('=').append(v == null ? "?" : ResultTable.format(v)).append(' ');
            }
            if (values.containsKey("errors") && values.get("errors") > 0) {
                shown.append("errors=").append(values.get("errors").longValue()).append(' ');
            }
            progress(scenario, side, shown + String.format(Locale.ROOT, "(%.1f s)", (System.nanoTime() - start) / 1e9));
        } catch (Exception e) {
            cells.forEach(c -> c.put(side, ResultTable.Cell.text("failed")));
            progress(scenario, side, "failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<Map<Side, ResultTable.Cell>> newCells(int n) {
        List<Map<Side, ResultTable.Cell>> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cells.add(new EnumMap<>(Side.class));
        }
        return cells;
    }

    private void memory() {
        for (int count : plan.memoryCounts()) {
            String scenario = "memory, " + compact(count) + " waiting tasks";
            List<Map<Side, ResultTable.Cell>> cells = newCells(2);
            for (Side side : Side.values()) {
                boolean has = Implementations.waitingTasks(side).isPresent();
                if (!Implementations.TASK_SIDES.contains(side)) {
                    cells.forEach(c -> c.put(side, ResultTable.Cell.text(Implementations.NOT_APPLICABLE)));
                    continue;
                }
                measure(scenario, side, has, cells, List.of("heapBytes", "rssBytes"),
                        () -> probe("memory", side, count, "-Xmx6g"));
            }
            memoryRows.add(table.add(scenario, "heap per task after GC", "bytes", false, cells.get(0)));
            table.add(scenario, "RSS per task", "bytes", false, cells.get(1));
        }
    }

    private void spawn() {
        String scenario = "spawn and complete, " + compact(plan.spawnCount());
        List<Map<Side, ResultTable.Cell>> cells = newCells(1);
        for (Side side : Side.values()) {
            if (!Implementations.TASK_SIDES.contains(side)) {
                cells.get(0).put(side, ResultTable.Cell.text(Implementations.NOT_APPLICABLE));
                continue;
            }
            measure(scenario, side, Implementations.spawnAndComplete(side).isPresent(), cells, List.of("perSecond"),
                    () -> probe("spawn", side, plan.spawnCount(), "-Xmx1g"));
        }
        table.add(scenario, "tasks per second", "1/s", true, cells.get(0));
    }

    private void handOff() {
        String scenario = "hand-off (ping-pong), one carrier";
        List<Map<Side, ResultTable.Cell>> cells = newCells(1);
        for (Side side : Side.values()) {
            if (!Implementations.TASK_SIDES.contains(side)) {
                cells.get(0).put(side, ResultTable.Cell.text(Implementations.NOT_APPLICABLE));
                continue;
            }
            measure(scenario, side, Implementations.handOff(side).isPresent(), cells, List.of("nanos"),
                    () -> probe("handoff", side, plan.handOffRounds(), "-Xmx1g"));
        }
        table.add(scenario, "time per hand-off", "ns", false, cells.get(0));
    }

    private Map<String, Double> probe(String kind, Side side, int count, String heap) throws IOException {
        try (ChildJvm child = ChildJvm.start(kind + " probe", TaskProbe.class,
                List.of(heap, "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1"),
                List.of(kind, side.id(), Integer.toString(count)), serverCpu)) {
            return fields(child.awaitLine("RESULT ", Duration.ofMinutes(3)));
        }
    }

    /**
     * Echo at {@code connections}: first the maximal throughput of every side (closed loop), then the latency of
     * every side at one common open-loop rate: half the smallest maximum measured, so that no side is past
     * saturation (where latency only measures queueing) and all are compared at the same load.
     */
    private void echo(int connections) {
        String scenario = "echo, " + compact(connections) + " connections";
        List<Map<Side, ResultTable.Cell>> maxCells = newCells(1);
        for (Side side : Implementations.ECHO_SIDES) {
            measure(scenario + ", closed loop", side, Implementations.echoServer(side).isPresent(), maxCells,
                    List.of("perSecond"), () -> echoRun(side, connections, 0));
        }
        double slowest = Double.MAX_VALUE;
        for (ResultTable.Cell cell : maxCells.get(0).values()) {
            if (cell.value() != null && cell.value() > 0) {
                slowest = Math.min(slowest, cell.value());
            }
        }
        double rate = slowest == Double.MAX_VALUE ? plan.echoRate() : Math.max(plan.echoRate(), slowest / 2);
        rate = Math.round(rate / 100) * 100.0;
        List<Map<Side, ResultTable.Cell>> latencyCells = newCells(2);
        String at = String.format(Locale.ROOT, "at %,.0f msg/s (open loop)", rate);
        for (Side side : Implementations.ECHO_SIDES) {
            double r = rate;
            measure(scenario + ", " + at, side, Implementations.echoServer(side).isPresent(), latencyCells,
                    List.of("p50", "p99"), () -> echoRun(side, connections, r));
        }
        throughputRows.add(table.add(scenario, "max throughput (closed loop)", "msg/s", true, maxCells.get(0)));
        table.add(scenario, "p50 latency " + at, "µs", false, latencyCells.get(0));
        table.add(scenario, "p99 latency " + at, "µs", false, latencyCells.get(1));
    }

    private Map<String, Double> echoRun(Side side, int connections, double rate) throws IOException {
        try (ServerHost.Running server = ServerHost.Running.start("echo", side, serverCpu)) {
            LoadResult r = LoadGeneratorProcess.run(new LoadSpec("echo", server.port(), connections, rate,
                    plan.echoWarmupMillis(), plan.echoMillis(), plan.messageBytes()), clientCpu);
            return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                    (double) r.errors());
        }
    }

    private void http() {
        java.nio.file.Path wrk = Wrk.findOrInstall(mayInstallWrk);
        httpLoadGenerator = wrk != null ? "wrk (" + wrk + ", 1 thread)" : "the bundled Java load generator (wrk missing)";
        System.out.println("HTTP load generator: " + httpLoadGenerator);
        List<List<Map<Side, ResultTable.Cell>>> cellsPerCount = new ArrayList<>();
        for (int ignored : plan.httpConnections()) {
            cellsPerCount.add(newCells(3));
        }
        for (Side side : Side.values()) {
            if (!Implementations.HTTP_SIDES.contains(side)) {
                continue;
            }
            if (Implementations.httpServer(side).isEmpty()) {
                for (int i = 0; i < plan.httpConnections().size(); i++) {
                    measure("http, " + compact(plan.httpConnections().get(i)) + " connections", side, false,
                            cellsPerCount.get(i), List.of(), null);
                }
                continue;
            }
            httpRuns(side, wrk, cellsPerCount);
        }
        for (int i = 0; i < plan.httpConnections().size(); i++) {
            String scenario = "http, " + compact(plan.httpConnections().get(i)) + " connections";
            List<Map<Side, ResultTable.Cell>> cells = cellsPerCount.get(i);
            throughputRows.add(table.add(scenario, "requests per second (closed loop)", "req/s", true, cells.get(0)));
            table.add(scenario, "p50 latency (closed loop)", "µs", false, cells.get(1));
            table.add(scenario, "p99 latency (closed loop)", "µs", false, cells.get(2));
        }
    }

    private void httpRuns(Side side, java.nio.file.Path wrk, List<List<Map<Side, ResultTable.Cell>>> cellsPerCount) {
        try (ServerHost.Running server = ServerHost.Running.start("http", side, serverCpu)) {
            httpLoad(wrk, server.port(), 100, plan.httpSeconds()); // warm-up, not recorded
            for (int i = 0; i < plan.httpConnections().size(); i++) {
                int connections = plan.httpConnections().get(i);
                measure("http, " + compact(connections) + " connections", side, true, cellsPerCount.get(i),
                        List.of("perSecond", "p50", "p99"), () -> httpLoad(wrk, server.port(), connections,
                                plan.httpSeconds()));
            }
        } catch (Exception e) {
            for (int i = 0; i < plan.httpConnections().size(); i++) {
                cellsPerCount.get(i).forEach(c -> c.putIfAbsent(side, ResultTable.Cell.text("failed")));
            }
            progress("http", side, "failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Map<String, Double> httpLoad(java.nio.file.Path wrk, int port, int connections, int seconds)
            throws IOException, InterruptedException {
        if (wrk != null) {
            Wrk.Report r = Wrk.run(wrk, port, connections, seconds, clientCpu);
            return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                    (double) r.errors());
        }
        LoadResult r = LoadGeneratorProcess.run(new LoadSpec("http", port, connections, 0, 0, seconds * 1000L, 1),
                clientCpu);
        return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                (double) r.errors());
    }

    private static Map<String, Double> fields(String resultLine) {
        Map<String, Double> values = new java.util.HashMap<>();
        for (String part : resultLine.substring("RESULT ".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
        }
        return values;
    }

    /** The 1-minute load average (a busy machine makes every number worse), or "unknown". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String compact(int n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Integer.toString(n);
    }
}
