package io.github.coro4j.examples.comparison;

import static io.github.coro4j.examples.comparison.ComparisonRun.compact;
import static io.github.coro4j.examples.comparison.ComparisonRun.newCells;

import io.github.coro4j.examples.loadgen.LoadGeneratorProcess;
import io.github.coro4j.examples.loadgen.LoadResult;
import io.github.coro4j.examples.loadgen.LoadSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP scenarios: hello world at each connection count, with wrk (installed if missing and allowed) or the
 * bundled Java load generator. One server JVM per side serves every connection count, after a warm-up run.
 */
final class HttpScenarios {
    private final ComparisonRun run;
    private final boolean mayInstallWrk;

    HttpScenarios(ComparisonRun run, boolean mayInstallWrk) {
        this.run = run;
        this.mayInstallWrk = mayInstallWrk;
    }

    void runAll() {
        Path wrk = Wrk.findOrInstall(mayInstallWrk);
        run.httpLoadGenerator = wrk != null ? "wrk (" + wrk + ", 1 thread)"
                : "the bundled Java load generator (wrk missing)";
        System.out.println("HTTP load generator: " + run.httpLoadGenerator);
        List<Integer> counts = run.plan.httpConnections();
        List<List<Map<Side, ResultTable.Cell>>> cellsPerCount = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            cellsPerCount.add(newCells(3));
        }
        for (Side side : Implementations.HTTP_SIDES) {
            if (Implementations.httpServer(side).isPresent()) {
                measureSide(side, wrk, cellsPerCount);
            } else {
                for (int i = 0; i < counts.size(); i++) {
                    run.measure(scenario(counts.get(i)), side, false, cellsPerCount.get(i), List.of(), null);
                }
            }
        }
        for (int i = 0; i < counts.size(); i++) {
            List<Map<Side, ResultTable.Cell>> cells = cellsPerCount.get(i);
            run.throughputRows.add(run.table.add(scenario(counts.get(i)), "requests per second (closed loop)",
                    "req/s", true, cells.get(0)));
            run.table.add(scenario(counts.get(i)), "p50 latency (closed loop)", "µs", false, cells.get(1));
            run.table.add(scenario(counts.get(i)), "p99 latency (closed loop)", "µs", false, cells.get(2));
        }
    }

    private static String scenario(int connections) {
        return "http, " + compact(connections) + " connections";
    }

    private void measureSide(Side side, Path wrk, List<List<Map<Side, ResultTable.Cell>>> cellsPerCount) {
        List<Integer> counts = run.plan.httpConnections();
        try (ServerHost.Running server = ServerHost.Running.start("http", side, run.serverCpu)) {
            load(wrk, server.port(), 100); // warm-up, not recorded
            for (int i = 0; i < counts.size(); i++) {
                int connections = counts.get(i);
                run.measure(scenario(connections), side, true, cellsPerCount.get(i), List.of("perSecond", "p50", "p99"),
                        () -> load(wrk, server.port(), connections));
            }
        } catch (Exception e) {
            for (List<Map<Side, ResultTable.Cell>> cells : cellsPerCount) {
                cells.forEach(c -> c.putIfAbsent(side, ResultTable.Cell.text("failed")));
            }
            run.progress("http", side, "failed: " + ComparisonRun.firstLine(e));
        }
    }

    private Map<String, Double> load(Path wrk, int port, int connections) throws IOException, InterruptedException {
        int seconds = run.plan.httpSeconds();
        if (wrk != null) {
            Wrk.Report r = Wrk.run(wrk, port, connections, seconds, run.clientCpu);
            return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                    (double) r.errors());
        }
        LoadResult r = LoadGeneratorProcess.run(new LoadSpec("http", port, connections, 0, 0, seconds * 1000L, 1),
                run.clientCpu);
        return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                (double) r.errors());
    }
}
