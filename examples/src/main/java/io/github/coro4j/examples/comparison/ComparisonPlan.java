package io.github.coro4j.examples.comparison;

import java.util.List;

/**
 * The sizes and durations of one comparison run. {@link #FULL} finishes in a few minutes on 2 cores;
 * {@link #QUICK} exercises every path in seconds (for tests), and its numbers mean little.
 *
 * @param memoryCounts      waiting tasks per memory probe
 * @param spawnCount        tasks per spawn-and-complete round
 * @param handOffRounds     ping-pong round trips per hand-off round
 * @param echoConnections   connection counts of the echo scenarios
 * @param echoWarmupMillis  echo load before measuring
 * @param echoMillis        measured echo time, per mode
 * @param echoRate          the least total messages per second of the open-loop (latency) echo runs
 * @param messageBytes      echo message size
 * @param httpConnections   connection counts of the HTTP scenarios
 * @param httpSeconds       measured HTTP time per connection count (after a warm-up run of the same length)
 */
public record ComparisonPlan(List<Integer> memoryCounts, int spawnCount, int handOffRounds,
        List<Integer> echoConnections, long echoWarmupMillis, long echoMillis, double echoRate, int messageBytes,
        List<Integer> httpConnections, int httpSeconds) {
    /** The real comparison. */
    public static final ComparisonPlan FULL = new ComparisonPlan(List.of(10_000, 100_000, 1_000_000), 200_000,
            200_000, List.of(100, 10_000), 1_000, 3_000, 2_000, 64, List.of(10, 100, 1_000), 3);
    /** A smoke run for tests. */
    public static final ComparisonPlan QUICK = new ComparisonPlan(List.of(1_000, 2_000), 10_000, 10_000,
            List.of(10), 300, 500, 500, 64, List.of(10), 1);
}
