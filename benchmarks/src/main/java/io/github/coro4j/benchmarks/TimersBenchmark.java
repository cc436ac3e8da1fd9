package io.github.coro4j.benchmarks;

import io.github.coro4j.Cancellable;
import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A million timers, 90% of them cancelled: the timeout pattern. Timer {@code i} with {@code i % 10 != 0} is a
 * timeout of 10–60 s that is cancelled; the others are due within 1 ms and fire. Each invocation schedules all
 * {@link #N}, cancels 90%, and waits until the 100,000 survivors have fired. The score is nanoseconds per
 * timer scheduled (schedule + cancel or fire). Scheduling a million takes longer than 1 ms, so the loop never
 * waits for a deadline: what is measured is the work.
 *
 * <p>References: a virtual thread per timer ({@code Thread.sleep}, cancelled by interrupt), and a
 * single-threaded {@link ScheduledThreadPoolExecutor} (lazy removal, the default, and removeOnCancel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// A fixed heap: a million live timers per invocation, and every variant gets the same room.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class TimersBenchmark {
    static final int N = 1_000_000;
    static final int SURVIVORS = N / 10;

    long[] delayNanos;
    Duration[] delays;
    Object[] handles;
    ScheduledThreadPoolExecutor stpe;
    ScheduledThreadPoolExecutor stpeRemove;

    static boolean survives(int i) {
        return i % 10 == 0;
    }

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        delayNanos = new long[N];
        delays = new Duration[N];
        for (int i = 0; i < N; i++) {
            long d = survives(i) ? rnd.nextLong(1_000_000L) : rnd.nextLong(10_000_000_000L, 60_000_000_000L);
            delayNanos[i] = d;
            delays[i] = Duration.ofNanos(d);
        }
        handles = new Object[N];
        stpe = new ScheduledThreadPoolExecutor(1);
        stpeRemove = new ScheduledThreadPoolExecutor(1);
        stpeRemove.setRemoveOnCancelPolicy(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stpe.shutdownNow();
        stpeRemove.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineCallLater() {
        return EventLoop.run(() -> new CallLaterDriver(this).start());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineSleep() {
        return EventLoop.run(() -> new SleepDriver(this).start());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int scheduledThreadPool() throws InterruptedException {
        return stpe(stpe);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int scheduledThreadPoolRemoveOnCancel() throws InterruptedException {
        return stpe(stpeRemove);
    }

    private int stpe(ScheduledThreadPoolExecutor executor) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(SURVIVORS);
        Runnable fire = latch::countDown;
        Object[] h = handles;
        for (int i = 0; i < N; i++) {
            h[i] = executor.schedule(fire, delayNanos[i], TimeUnit.NANOSECONDS);
        }
        for (int i = 0; i < N; i++) {
            if (!survives(i)) {
                ((ScheduledFuture<?>) h[i]).cancel(false);
            }
        }
        latch.await();
        Arrays.fill(h, null);
        return SURVIVORS;
    }

    /** One virtual thread per timer: {@code Thread.sleep}, cancelled by interrupting the thread. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int virtualThreadSleep() throws InterruptedException {
        Object[] h = handles;
        Thread.Builder.OfVirtual builder = Thread.ofVirtual();
        for (int i = 0; i < N; i++) {
            long d = delayNanos[i];
            h[i] = builder.start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(d));
                } catch (InterruptedException cancelled) {
                    // cancelled
                }
            });
        }
        for (int i = 0; i < N; i++) {
            if (!survives(i)) {
                ((Thread) h[i]).interrupt();
            }
        }
        for (int i = 0; i < N; i++) {
            ((Thread) h[i]).join();
        }
        Arrays.fill(h, null);
        return SURVIVORS;
    }

    /**
     * <pre>{@code
     * @Coroutine int timers() {
     *     for (i...) handles[i] = loop.callLater(delays[i], this::fired);
     *     for (i...) if (i % 10 != 0) handles[i].cancel();
     *     await(done);    // completed by the 100,000th firing
     *     return fired;
     * }}</pre>
     */
    static final class CallLaterDriver extends StateMachine<Integer> implements Runnable {
        private final TimersBenchmark b;
        private Promise<Void> done;
        private int fired;

        CallLaterDriver(TimersBenchmark b) {
            this.b = b;
        }

        @Override
        public void run() {
            if (++fired == SURVIVORS) {
                done.complete(null);
            }
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        EventLoop loop = EventLoop.current();
                        done = new Promise<>();
                        Object[] h = b.handles;
                        Duration[] delays = b.delays;
                        for (int i = 0; i < N; i++) {
                            h[i] = loop.callLater(delays[i], this);
                        }
                        for (int i = 0; i < N; i++) {
                            if (!survives(i)) {
                                ((Cancellable) h[i]).cancel();
                            }
                        }
                        Arrays.fill(h, null);
                        if (suspend(done, 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        resume();
                        return fired;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine int sleeps() {
     *     for (i...) sleeps[i] = sleep(delays[i]);
     *     for (i...) if (i % 10 != 0) sleeps[i].cancel();
     *     for (i = 0; i < N; i += 10) await(sleeps[i]);
     *     return N / 10;
     * }}</pre>
     */
    static final class SleepDriver extends StateMachine<Integer> {
        private final TimersBenchmark b;
        private int i;

        SleepDriver(TimersBenchmark b) {
            this.b = b;
        }

        @Override
        protected Object step() {
            Object[] h = b.handles;
            for (;;) {
                switch (state) {
                    case 0:
                        Duration[] delays = b.delays;
                        for (int k = 0; k < N; k++) {
                            h[k] = Coro.sleep(delays[k]);
                        }
                        for (int k = 0; k < N; k++) {
                            if (!survives(k)) {
                                ((Task<?>) h[k]).cancel();
                            }
                        }
                        i = 0;
                    case 1: // loop head
                        if (i >= N) {
                            Arrays.fill(h, null);
                            return SURVIVORS;
                        }
                        if (suspend((Task<?>) h[i], 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        resume();
                        i += 10;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }
}
