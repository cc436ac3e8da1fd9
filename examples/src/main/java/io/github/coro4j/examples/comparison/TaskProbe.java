package io.github.coro4j.examples.comparison;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures one task scenario in a JVM of its own and prints one {@code RESULT} line:
 * <ul>
 * <li>{@code memory <side> <count>}: heap after GC and RSS per waiting task ({@code heapBytes=}, {@code rssBytes=});
 * <li>{@code spawn <side> <count>}: tasks spawned and completed per second ({@code perSecond=}), best of 3 after a
 *     warm-up;
 * <li>{@code handoff <side> <rounds>}: nanoseconds per hand-off ({@code nanos=}), best of 3 after a warm-up.
 * </ul>
 */
public final class TaskProbe {
    /** The largest warm-up round of the memory probe (a full round of 1M would double its time). */
    private static final int WARM_UP_TASKS = 100_000;
    private TaskProbe() {
    }

    /** The child JVM's entry point. */
    public static void main(String[] args) throws Exception {
        Side side = Side.ofId(args[1]);
        int count = Integer.parseInt(args[2]);
        String result = switch (args[0]) {
            case "memory" -> memory(Implementations.waitingTasks(side).orElseThrow().get(), count);
            case "spawn" -> spawn(Implementations.spawnAndComplete(side).orElseThrow().get(), count);
            case "handoff" -> handOff(Implementations.handOff(side).orElseThrow().get(), count);
            default -> throw new IllegalArgumentException("scenario must be memory, spawn or handoff: " + args[0]);
        };
        System.out.println("RESULT " + result);
        System.out.flush();
    }

    /**
     * Heap: the live set after GC, after a warm-up round of up to {@value #WARM_UP_TASKS} tasks (so class loading,
     * JIT and structures that grow once are not counted) and with the tasks waiting, minus the same before. RSS: the resident set with
     * the tasks waiting minus that of the fresh JVM before the warm-up, since heap pages touched by the warm-up stay
     * resident; it includes the one-time costs, which weigh most at small counts.
     */
    private static String memory(WaitingTasksImpl impl, int count) throws Exception {
        long rssBefore = rssBytes();
        impl.startWaiting(Math.min(count, WARM_UP_TASKS));
        impl.releaseAndJoin();
        long heapBefore = heapAfterGc();
        impl.startWaiting(count);
        long heapAfter = heapAfterGc();
        long rssAfter = rssBytes();
        impl.releaseAndJoin();
        return String.format(Locale.ROOT, "heapBytes=%.1f rssBytes=%.1f",
                (heapAfter - heapBefore) / (double) count, (rssAfter - rssBefore) / (double) count);
    }

    private static String spawn(SpawnAndCompleteImpl impl, int count) throws Exception {
        impl.spawnAndComplete(count);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            impl.spawnAndComplete(count);
            best = Math.min(best, System.nanoTime() - start);
        }
        return String.format(Locale.ROOT, "perSecond=%.1f", count * 1e9 / best);
    }

    private static String handOff(HandOffImpl impl, int rounds) throws Exception {
        impl.pingPong(rounds);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            impl.pingPong(rounds);
            best = Math.min(best, System.nanoTime() - start);
        }
        return String.format(Locale.ROOT, "nanos=%.1f", best / (2.0 * rounds));
    }

    /** Used heap after full collections, settled. */
    static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The resident set size from /proc/self/status, or 0 where there is none. */
    static long rssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
