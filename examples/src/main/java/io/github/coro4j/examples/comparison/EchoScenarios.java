package io.github.coro4j.examples.comparison;

import static io.github.coro4j.examples.comparison.ComparisonRun.compact;
import static io.github.coro4j.examples.comparison.ComparisonRun.newCells;

import io.github.coro4j.examples.loadgen.LoadGeneratorProcess;
import io.github.coro4j.examples.loadgen.LoadResult;
import io.github.coro4j.examples.loadgen.LoadSpec;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The echo scenarios: each server in a {@link ServerHost} JVM, the load generator in another. */
final class EchoScenarios {
    private final ComparisonRun run;

    EchoScenarios(ComparisonRun run) {
        this.run = run;
    }

    void runAll() {
        for (int connections : run.plan.echoConnections()) {
            echo(connections);
        }
    }

    /**
     * Echo at {@code connections}: first the maximal throughput of every side (closed loop), then the latency of
     * every side at one common open-loop rate: half the smallest maximum measured (at least the plan's rate), so
     * that no side is past saturation, where latency only measures queueing, and all see the same load. Each
     * side's server JVM serves both runs, so the closed-loop run also warms its JIT up for the open-loop one; the
     * servers that are not being measured sit idle.
     */
    private void echo(int connections) {
        String scenario = "echo, " + compact(connections) + " connections";
        Map<Side, ServerHost.Running> servers = new EnumMap<>(Side.class);
        Map<Side, Exception> startFailures = new EnumMap<>(Side.class);
        try {
            for (Side side : Implementations.ECHO_SIDES) {
                if (Implementations.echoServer(side).isPresent()) {
                    try {
                        servers.put(side, ServerHost.Running.start("echo", side, run.serverCpu));
                    } catch (IOException | RuntimeException e) {
                        startFailures.put(side, e);
                    }
                }
            }
            List<Map<Side, ResultTable.Cell>> maxCells = newCells(1);
            for (Side side : Implementations.ECHO_SIDES) {
                run.measure(scenario + ", closed loop", side, Implementations.echoServer(side).isPresent(), maxCells,
                        List.of("perSecond"), () -> load(servers, startFailures, side, connections, 0));
            }
            double rate = commonRate(maxCells.get(0));
            List<Map<Side, ResultTable.Cell>> latencyCells = newCells(2);
            String at = String.format(Locale.ROOT, "at %,.0f msg/s (open loop)", rate);
            for (Side side : Implementations.ECHO_SIDES) {
                run.measure(scenario + ", " + at, side, Implementations.echoServer(side).isPresent(), latencyCells,
                        List.of("p50", "p99"), () -> load(servers, startFailures, side, connections, rate));
            }
            run.throughputRows.add(run.table.add(scenario, "max throughput (closed loop)", "msg/s", true,
                    maxCells.get(0)));
            run.table.add(scenario, "p50 latency " + at, "µs", false, latencyCells.get(0));
            run.table.add(scenario, "p99 latency " + at, "µs", false, latencyCells.get(1));
        } finally {
            servers.values().forEach(ServerHost.Running::close);
        }
    }

    private double commonRate(Map<Side, ResultTable.Cell> maxima) {
        double slowest = Double.MAX_VALUE;
        for (ResultTable.Cell cell : maxima.values()) {
            if (cell.value() != null && cell.value() > 0) {
                slowest = Math.min(slowest, cell.value());
            }
        }
        double rate = slowest == Double.MAX_VALUE ? run.plan.echoRate() : Math.max(run.plan.echoRate(), slowest / 2);
        return Math.round(rate / 100) * 100.0;
    }

    private Map<String, Double> load(Map<Side, ServerHost.Running> servers, Map<Side, Exception> startFailures,
            Side side, int connections, double rate) throws Exception {
        ServerHost.Running server = servers.get(side);
        if (server == null) {
            throw startFailures.getOrDefault(side, new IOException("no server"));
        }
        LoadResult r = LoadGeneratorProcess.run(new LoadSpec("echo", server.port(), connections, rate,
                run.plan.echoWarmupMillis(), run.plan.echoMillis(), run.plan.messageBytes()), run.clientCpu);
        return Map.of("perSecond", r.perSecond(), "p50", r.p50Micros(), "p99", r.p99Micros(), "errors",
                (double) r.errors());
    }
}
