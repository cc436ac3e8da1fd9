package io.github.coro4j.examples.comparison;

import static io.github.coro4j.examples.comparison.ComparisonRun.compact;
import static io.github.coro4j.examples.comparison.ComparisonRun.newCells;

import io.github.coro4j.examples.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The task scenarios: memory per waiting task, spawn-and-complete, hand-off; each in a {@link TaskProbe} JVM. */
final class TaskScenarios {
    private final ComparisonRun run;

    TaskScenarios(ComparisonRun run) {
        this.run = run;
    }

    void runAll() {
        for (int count : run.plan.memoryCounts()) {
            memory(count);
        }
        spawn();
        handOff();
    }

    private void memory(int count) {
        String scenario = "memory, " + compact(count) + " waiting tasks";
        List<Map<Side, ResultTable.Cell>> cells = newCells(2);
        for (Side side : Side.values()) {
            if (notApplicable(side, cells)) {
                continue;
            }
            run.measure(scenario, side, Implementations.waitingTasks(side).isPresent(), cells,
                    List.of("heapBytes", "rssBytes"), () -> probe("memory", side, count, "-Xmx6g"));
        }
        run.memoryRows.add(run.table.add(scenario, "heap per task after GC", "bytes", false, cells.get(0)));
        run.table.add(scenario, "RSS per task", "bytes", false, cells.get(1));
    }

    private void spawn() {
        String scenario = "spawn and complete, " + compact(run.plan.spawnCount());
        List<Map<Side, ResultTable.Cell>> cells = newCells(1);
        for (Side side : Side.values()) {
            if (notApplicable(side, cells)) {
                continue;
            }
            run.measure(scenario, side, Implementations.spawnAndComplete(side).isPresent(), cells,
                    List.of("perSecond"), () -> probe("spawn", side, run.plan.spawnCount(), "-Xmx1g"));
        }
        run.table.add(scenario, "tasks per second", "1/s", true, cells.get(0));
    }

    private void handOff() {
        String scenario = "hand-off (ping-pong), one carrier";
        List<Map<Side, ResultTable.Cell>> cells = newCells(1);
        for (Side side : Side.values()) {
            if (notApplicable(side, cells)) {
                continue;
            }
            run.measure(scenario, side, Implementations.handOff(side).isPresent(), cells, List.of("nanos"),
                    () -> probe("handoff", side, run.plan.handOffRounds(), "-Xmx1g"));
        }
        run.table.add(scenario, "time per hand-off", "ns", false, cells.get(0));
    }

    private static boolean notApplicable(Side side, List<Map<Side, ResultTable.Cell>> cells) {
        if (Implementations.TASK_SIDES.contains(side)) {
            return false;
        }
        cells.forEach(c -> c.put(side, ResultTable.Cell.text(Implementations.NOT_APPLICABLE)));
        return true;
    }

    /** One probe in a child JVM on the server CPU, with one carrier thread for virtual threads (like one loop). */
    private Map<String, Double> probe(String kind, Side side, int count, String heap) throws IOException {
        try (ChildJvm child = ChildJvm.start(kind + " probe", TaskProbe.class,
                List.of(heap, "-Djdk.virtualThreadScheduler.parallelism=1",
                        "-Djdk.virtualThreadScheduler.maxPoolSize=1"),
                List.of(kind, side.id(), Integer.toString(count)), run.serverCpu)) {
            return ComparisonRun.fields(child.awaitLine("RESULT ", Duration.ofMinutes(3)));
        }
    }
}
