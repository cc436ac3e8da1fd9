package io.github.coro4j.benchmarks;

import io.github.coro4j.EventLoop;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Two tasks hand a token back and forth. The score is nanoseconds per hand-off (one side wakes the other and
 * waits): {@link #ROUNDS} round trips are {@code 2 * ROUNDS} hand-offs per invocation.
 *
 * <p>Coroutines: two hand-written state machines on one loop, each hand-off a fresh {@code Promise} that
 * the other side completes. Virtual threads: a {@link SynchronousQueue} pair, or a volatile turn with
 * {@link LockSupport#park()}/{@link LockSupport#unpark}; with the default scheduler (2 carriers here) and
 * with {@code -Djdk.virtualThreadScheduler.parallelism=1} (one carrier, the fair comparison with one loop).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PingPongBenchmark {
    static final int ROUNDS = 50_000;
    static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public int coroutinePromise() {
        return EventLoop.run(() -> new Machines.PingPong(ROUNDS).start());
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public int virtualThreadParkUnpark() throws InterruptedException {
        return parkUnpark();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    @Fork(value = 1, jvmArgsAppend = ONE_CARRIER)
    public int virtualThreadParkUnpark_oneCarrier() throws InterruptedException {
        return parkUnpark();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public int virtualThreadSynchronousQueue() throws InterruptedException {
        return synchronousQueue();
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    @Fork(value = 1, jvmArgsAppend = ONE_CARRIER)
    public int virtualThreadSynchronousQueue_oneCarrier() throws InterruptedException {
        return synchronousQueue();
    }

    /** Whose move it is: 0 ping, 1 pong, 2 stop. */
    static final class Turn {
        volatile int turn;
        volatile Thread ping;
        volatile Thread pong;
    }

    static int parkUnpark() throws InterruptedException {
        Turn t = new Turn();
        Thread pong = Thread.ofVirtual().unstarted(() -> {
            for (;;) {
                int v;
                while ((v = t.turn) == 0) {
                    LockSupport.park();
                }
                if (v == 2) {
                    return;
                }
                t.turn = 0;
                LockSupport.unpark(t.ping);
            }
        });
        Thread ping = Thread.ofVirtual().unstarted(() -> {
            for (int i = 0; i < ROUNDS; i++) {
                t.turn = 1;
                LockSupport.unpark(t.pong);
                while (t.turn != 0) {
                    LockSupport.park();
                }
            }
            t.turn = 2;
            LockSupport.unpark(t.pong);
        });
        t.ping = ping;
        t.pong = pong;
        pong.start();
        ping.start();
        ping.join();
        pong.join();
        return ROUNDS;
    }

    static int synchronousQueue() throws InterruptedException {
        SynchronousQueue<Object> toPong = new SynchronousQueue<>();
        SynchronousQueue<Object> toPing = new SynchronousQueue<>();
        Thread pong = Thread.ofVirtual().start(() -> {
            try {
                for (;;) {
                    if (toPong.take() == Machines.STOP) {
                        return;
                    }
                    toPing.put(Machines.TOKEN);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread ping = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    toPong.put(Machines.TOKEN);
                    toPing.take();
                }
                toPong.put(Machines.STOP);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ping.join();
        pong.join();
        return ROUNDS;
    }
}
