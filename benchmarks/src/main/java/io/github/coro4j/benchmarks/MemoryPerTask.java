package io.github.coro4j.benchmarks;

import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jol.info.ClassLayout;

/**
 * Heap per suspended task: N hand-written trivial coroutines suspended on one shared {@link Promise}, then N
 * each on its own {@link Coro#sleep}, versus N parked virtual threads (on one shared latch, with
 * {@link LockSupport#park()}, and each in {@link Thread#sleep}), all in the same JVM. Each figure is the heap in
 * use after a full GC with the N tasks suspended, minus the same before they were created, divided by N.
 *
 * <p>Run with {@code benchmarks/run.sh memory [N]}; not a test, and not a JMH benchmark (JMH measures time).
 */
public final class MemoryPerTask {
    private MemoryPerTask() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        System.out.printf(Locale.ROOT, "MemoryPerTask: N=%,d, %s %s, max heap %,d MB, JVM args %s%n", n,
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        layouts();
        System.out.println();
        System.out.println("| tasks | heap per suspended task (bytes) |");
        System.out.println("|---|---|");
        row("coroutine with no fields, awaiting a shared Promise", coroutines(n, Kind.NO_FIELDS), n);
        row("coroutine with one field (the task), awaiting a shared Promise", coroutines(n, Kind.SHARED), n);
        row("coroutine awaiting its own sleep(1 h)", coroutines(n, Kind.OWN_SLEEP), n);
        row("virtual thread, LockSupport.park()", virtualThreads(n, Mode.PARK), n);
        row("virtual thread, await on a shared CountDownLatch", virtualThreads(n, Mode.LATCH), n);
        row("virtual thread, Thread.sleep(1 h)", virtualThreads(n, Mode.SLEEP), n);
    }

    private static void layouts() {
        try {
            System.out.println("Object sizes (jol, this JVM's layout):");
            size(Machines.ParkedOnShared.class);
            size(Machines.Parked.class);
            size(Promise.class);
            size(Class.forName("io.github.coro4j.SleepTask"));
        } catch (Throwable e) {
            System.out.println("  (jol could not read the layouts: " + e + ")");
        }
    }

    private static void size(Class<?> c) {
        ClassLayout layout = ClassLayout.parseClass(c);
        System.out.printf(Locale.ROOT, "  %-50s %3d bytes%n", c.getName(), layout.instanceSize());
    }

    private static void row(String what, long bytes, int n) {
        System.out.printf(Locale.ROOT, "| %s | %.1f |%n", what, (double) bytes / n);
    }

    /** Heap in use after a full collection (several, until it settles). */
    static long usedAfterGc() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - last) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    // ------------------------------------------------------------------ coroutines

    enum Kind { NO_FIELDS, SHARED, OWN_SLEEP }

    static long coroutines(int n, Kind kind) {
        return EventLoop.run(() -> new MeasureCoroutines(n, kind).start());
    }

    /**
     * Measures inside the loop: creates the shared promise, takes the baseline, starts N coroutines that suspend,
     * measures again, then releases them (the promise) or lets the loop cancel them at shutdown (the sleeps).
     */
    static final class MeasureCoroutines extends StateMachine<Long> {
        private final int n;
        private final Kind kind;

        MeasureCoroutines(int n, Kind kind) {
            this.n = n;
            this.kind = kind;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        Promise<Void> shared = new Promise<>();
                        Machines.shared = shared;
                        Duration hour = Duration.ofHours(1);
                        long before = usedAfterGc();
                        for (int i = 0; i < n; i++) {
                            switch (kind) {
                                case NO_FIELDS -> new Machines.ParkedOnShared().start();
                                case SHARED -> new Machines.Parked<>(shared).start();
                                case OWN_SLEEP -> new Machines.Parked<>(Coro.sleep(hour)).start();
                            }
                        }
                        long after = usedAfterGc();
                        EventLoop loop = EventLoop.current();
                        if (loop.pendingTasks() != n) {
                            throw new IllegalStateException("expected " + n + " suspended coroutines, found "
                                    + loop.pendingTasks());
                        }
                        shared.complete(null);
                        Machines.shared = null;
                        // the sleeping ones are cancelled when the loop shuts down
                        return after - before;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    // ------------------------------------------------------------------ virtual threads

    enum Mode { PARK, LATCH, SLEEP }

    static long virtualThreads(int n, Mode mode) throws InterruptedException {
        Thread[] threads = new Thread[n];
        CountDownLatch latch = new CountDownLatch(1);
        AtomicInteger parked = new AtomicInteger();
        final boolean[] release = {false};
        Runnable body = switch (mode) {
            case PARK -> () -> {
                parked.incrementAndGet();
                while (!release[0]) {
                    LockSupport.park();
                }
            };
            case LATCH -> () -> {
                parked.incrementAndGet();
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    // released
                }
            };
            case SLEEP -> () -> {
                parked.incrementAndGet();
                try {
                    Thread.sleep(Duration.ofHours(1));
                } catch (InterruptedException e) {
                    // released
                }
            };
        };
        long before = usedAfterGc();
        Thread.Builder.OfVirtual builder = Thread.ofVirtual();
        for (int i = 0; i < n; i++) {
            threads[i] = builder.start(body);
        }
        while (parked.get() < n) {
            Thread.sleep(10);
        }
        for (Thread t : threads) {
            while (t.getState() == Thread.State.RUNNABLE) {
                Thread.sleep(1);
            }
        }
        long after = usedAfterGc();
        release[0] = true;
        latch.countDown();
        for (Thread t : threads) {
            if (mode == Mode.PARK) {
                LockSupport.unpark(t);
            } else if (mode == Mode.SLEEP) {
                t.interrupt();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        return after - before;
    }
}
