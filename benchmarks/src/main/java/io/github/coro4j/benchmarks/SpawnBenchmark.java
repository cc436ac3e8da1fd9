package io.github.coro4j.benchmarks;

import io.github.coro4j.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spawn and complete a trivial task: a hand-written coroutine on a running loop versus a virtual thread.
 * Each invocation runs a batch of {@link #N} spawns inside one {@link EventLoop#run} (or one set of virtual
 * threads), and JMH divides by {@code N}: the score is nanoseconds per spawn+complete+join. The loop's own
 * set-up and shutdown are amortised over the batch (see {@link #loopOnly}, a batch of zero).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SpawnBenchmark {
    static final int N = 100_000;
    /** Tasks started before they are joined, in the batched variants. */
    static final int CHUNK = 1_000;

    /**
     * Coroutine that completes synchronously in start(); the parent's await does not suspend. The task never
     * escapes the parent's step, and C2's escape analysis may remove its allocation (check -prof gc).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineSync() {
        return EventLoop.run(() -> new Machines.SpawnSync(N).start());
    }

    /**
     * {@link #CHUNK} coroutines that complete synchronously are started and kept in an array, then awaited: the
     * task objects escape, so this is the real cost of spawn+complete ({@link #coroutineSync} lets the JIT's
     * escape analysis remove the task altogether).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineSyncChunked() {
        return EventLoop.run(() -> new Machines.SpawnSyncChunked(N, CHUNK).start());
    }

    /** Coroutine that suspends once (yieldNow) before completing; the parent awaits each before the next. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineYieldOneByOne() {
        return EventLoop.run(() -> new Machines.SpawnYieldSequential(N).start());
    }

    /** {@link #CHUNK} coroutines that each suspend once are started, then all awaited. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineYieldChunked() {
        return EventLoop.run(() -> new Machines.SpawnYieldChunked(N, CHUNK).start());
    }

    /** The fixed cost of one EventLoop.run with a main task that completes at once (per invocation, not per op). */
    @Benchmark
    public int loopOnly() {
        return EventLoop.run(() -> new Machines.SpawnSync(0).start());
    }

    private static final Runnable NOTHING = () -> {};

    /** {@link #CHUNK} virtual threads are started from the benchmark (platform) thread, then all joined. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int virtualThreadChunked() throws InterruptedException {
        Thread[] threads = new Thread[CHUNK];
        Thread.Builder.OfVirtual builder = Thread.ofVirtual();
        for (int i = 0; i < N; i += CHUNK) {
            for (int k = 0; k < CHUNK; k++) {
                threads[k] = builder.start(NOTHING);
            }
            for (int k = 0; k < CHUNK; k++) {
                threads[k].join();
            }
        }
        return N;
    }

    /** A virtual thread creates, starts and joins virtual threads one by one. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int virtualThreadOneByOne() throws InterruptedException {
        Thread driver = Thread.ofVirtual().start(SpawnBenchmark::oneByOne);
        driver.join();
        return N;
    }

    /** The same on one carrier thread. */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public int virtualThreadOneByOne_oneCarrier() throws InterruptedException {
        return virtualThreadOneByOne();
    }

    /** Chunked, on one carrier thread. */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 1, jvmArgsAppend = "-Djdk.virtualThreadScheduler.parallelism=1")
    public int virtualThreadChunked_oneCarrier() throws InterruptedException {
        return virtualThreadChunked();
    }

    private static void oneByOne() {
        Thread.Builder.OfVirtual builder = Thread.ofVirtual();
        try {
            for (int i = 0; i < N; i++) {
                builder.start(NOTHING).join();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
