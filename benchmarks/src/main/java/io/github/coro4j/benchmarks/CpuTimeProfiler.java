package io.github.coro4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, for a shared machine: {@code -prof io.github.coro4j.benchmarks.CpuTimeProfiler}.
 *
 * <p>JMH measures wall time, which grows whenever the benchmark thread waits for a core that other work holds.
 * This profiler scales the primary score (ns/op, AverageTime mode) by the CPU time consumed during the
 * iteration over its wall time: {@code cpu.process} counts every thread of the JVM (carriers of virtual threads,
 * GC and JIT threads included), {@code cpu.benchmarkThread} only JMH's worker threads, which is where an event
 * loop run by {@code EventLoop.run} does all its work. Neither counts time spent waiting for a core.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long wall0;
    private long process0;
    private long workers0;

    @Override
    public String getDescription() {
        return "CPU time per operation (process, and JMH worker threads), insensitive to waiting for a core";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wall0 = System.nanoTime();
        process0 = os.getProcessCpuTime();
        workers0 = workerCpu();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wall0;
        long process = os.getProcessCpuTime() - process0;
        long workers = workerCpu() - workers0;
        double score = result.getPrimaryResult().getScore();
        String unit = result.getPrimaryResult().getScoreUnit();
        return List.of(
                new ScalarResult("cpu.process", score * process / wall, unit, AggregationPolicy.AVG),
                new ScalarResult("cpu.benchmarkThread", score * workers / wall, unit, AggregationPolicy.AVG));
    }

    private long workerCpu() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
