package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Work handed in from other threads: nothing lost, per-thread FIFO, wakeups of a blocked loop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrossThreadTest {
    static final int THREADS = 4;
    static final int PER_THREAD = 100_000;

    /** Loop-thread-only state: touched only by callbacks on the loop. */
    static final class Tally {
        long count;
        final int[] lastSeen = new int[THREADS];
        boolean outOfOrder;
        boolean offLoop;
    }

    @Test
    void severalThreadsTimesAHundredThousandCallbacksNothingLostAndFifoPerThread() throws Exception {
        try (EventLoop loop = EventLoop.startThread("contended")) {
            Tally tally = new Tally();
            java.util.Arrays.fill(tally.lastSeen, -1);
            CyclicBarrier go = new CyclicBarrier(THREADS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        int seq = i;
                        Runnable r = () -> {
                            tally.offLoop |= !loop.inLoop();
                            tally.outOfOrder |= tally.lastSeen[id] != seq - 1;
                            tally.lastSeen[id] = seq;
                            tally.count++;
                        };
                        if ((i & 1) == 0) {
                            loop.execute(r);
                        } else {
                            loop.callSoon(r);
                        }
                    }
                }, "producer-" + t);
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            // submitted after every producer finished: runs after all their callbacks
            long count = loop.submit(() -> Task.completed(tally.count)).get(30, TimeUnit.SECONDS);
            assertEquals((long) THREADS * PER_THREAD, count);
            assertFalse(loop.submit(() -> Task.completed(tally.outOfOrder)).get(10, TimeUnit.SECONDS));
            assertFalse(loop.submit(() -> Task.completed(tally.offLoop)).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void severalThreadsSubmittingCoroutinesGetEveryResult() throws Exception {
        int perThread = 20_000;
        try (EventLoop loop = EventLoop.startThread("submissions")) {
            List<CompletableFuture<List<CompletableFuture<Object>>>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int base = t * perThread;
                producers.add(CompletableFuture.supplyAsync(() -> {
                    List<CompletableFuture<Object>> fs = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        int v = base + i;
                        fs.add(loop.submit(() -> (i2(v) % 3 == 0) ? Task.completed(v)
                                : coro(s -> s.await(Coro::yieldNow).ret(() -> v))));
                    }
                    return fs;
                }));
            }
            long sum = 0;
            for (CompletableFuture<List<CompletableFuture<Object>>> p : producers) {
                for (CompletableFuture<Object> f : p.get(30, TimeUnit.SECONDS)) {
                    sum += (Integer) f.get(30, TimeUnit.SECONDS);
                }
            }
            long n = (long) THREADS * perThread;
            assertEquals(n * (n - 1) / 2, sum);
        }
    }

    private static int i2(int v) {
        return v;
    }

    @Test
    void aBlockedLoopIsWokenByWorkFromAnotherThread() throws Exception {
        try (EventLoop loop = EventLoop.startThread("sleepy")) {
            for (int i = 0; i < 200; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(ran::countDown);
                assertTrue(ran.await(10, TimeUnit.SECONDS), "lost wakeup at round " + i);
                if (i % 50 == 0) {
                    Thread.sleep(5); // let the loop block for real before the next post
                }
            }
        }
    }

    @Test
    void aLoopBlockedInItsSelectorIsWokenByWorkFromAnotherThread() throws Exception {
        try (EventLoop loop = EventLoop.startThread("selecting")) {
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            // registers a channel, so the loop blocks in select() rather than park()
            CompletableFuture<Integer> read = loop.submit(() -> loop.awaitReady(pipe.source(), SelectionKey.OP_READ));
            loop.submit(() -> Task.completed(null)).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 200; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                loop.execute(ran::countDown);
                assertTrue(ran.await(10, TimeUnit.SECONDS), "lost wakeup at round " + i);
            }
            assertFalse(read.isDone());
            pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            assertEquals(SelectionKey.OP_READ, read.get(10, TimeUnit.SECONDS));
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void callLaterFromAnotherThreadRunsOnTheLoopAndCanBeCancelledFromThere() throws Exception {
        try (EventLoop loop = EventLoop.startThread("timers")) {
            CompletableFuture<String> ran = new CompletableFuture<>();
            long start = System.nanoTime();
            loop.callLater(ofMillis(20), () -> ran.complete(Thread.currentThread().getName()));
            AtomicBoolean cancelledRan = new AtomicBoolean();
            Cancellable c = loop.callLater(ofMillis(10), () -> cancelledRan.set(true));
            assertTrue(c.cancel());
            assertTrue(c.isCancelled());
            assertEquals("timers", ran.get(10, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= ofMillis(20).toNanos());
            // a timer due after the cancelled one has fired, so the cancelled one would have run by now
            loop.submit(() -> Task.completed(null)).get(10, TimeUnit.SECONDS);
            assertFalse(cancelledRan.get());
        }
    }

    @Test
    void timersFromSeveralThreadsAllFire() throws Exception {
        int perThread = 2_000;
        try (EventLoop loop = EventLoop.startThread("many-timers")) {
            CountDownLatch fired = new CountDownLatch(THREADS * perThread);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        loop.callLater(Duration.ofNanos(i % 1000 * 1000L), fired::countDown);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
            assertTrue(fired.await(30, TimeUnit.SECONDS), "left: " + fired.getCount());
        }
    }

    @Test
    void loopOnlyOperationsRefuseOtherThreads() throws Exception {
        try (EventLoop loop = EventLoop.startThread("confined")) {
            Promise<String> p = loop.submit(() -> Task.completed(new Promise<String>())).get(10, TimeUnit.SECONDS);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.complete("x"));
            assertTrue(e.getMessage().contains("must be called on the event loop thread 'confined'"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> loop.runInExecutor(() -> 1));
            assertThrows(IllegalStateException.class, p::toCompletableFuture);
            loop.execute(() -> p.complete("done"));
        }
    }
}
