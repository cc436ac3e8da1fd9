package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers: order, ties, cancellation, compaction, the virtual clock, and a real-clock sanity check. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimerTest {

    @Test
    void timersFireInDeadlineOrderAndTiesInSchedulingOrder() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            long t0 = loop.time();
            for (String s : new String[] {"30", "10a", "20", "10b", "0", "10c"}) {
                long ms = Long.parseLong(s.replaceAll("[a-z]", ""));
                loop.callLater(ofMillis(ms), () -> log.add(s + "@" + (loop.time() - t0) / 1_000_000));
            }
            return Coro.sleep(ofMillis(40));
        });
        assertEquals(List.of("0@0", "10a@10", "10b@10", "10c@10", "20@20", "30@30"), log);
    }

    @Test
    void sleepsOfCoroutinesWakeInDeadlineOrder() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            List<Task<Object>> all = new ArrayList<>();
            for (int ms : new int[] {50, 10, 40, 20, 30}) {
                all.add(coro(s -> s.await(() -> Coro.sleep(ofMillis(ms))).run(() -> log.add("" + ms))));
            }
            return Coro.all(all);
        });
        assertEquals(List.of("10", "20", "30", "40", "50"), log);
    }

    @Test
    void aCancelledTimerNeverRuns() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Cancellable a = loop.callLater(ofMillis(10), () -> log.add("a"));
            Cancellable b = loop.callLater(ofMillis(20), () -> log.add("b"));
            Cancellable c = loop.callLater(ofMillis(30), () -> log.add("c"));
            assertTrue(b.cancel());
            assertFalse(b.cancel(), "second cancel");
            assertTrue(b.isCancelled());
            assertFalse(a.isCancelled());
            loop.callLater(ofMillis(15), () -> log.add("cancel c: " + c.cancel()));
            return coro(s -> s.await(() -> Coro.sleep(ofMillis(50)))
                    .run(() -> log.add("cancel a after it ran: " + a.cancel() + " " + a.isCancelled())));
        });
        assertEquals(List.of("a", "cancel c: true", "cancel a after it ran: false false"), log);
    }

    @Test
    void cancellingASleepRemovesItsTimer() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Void> sleep = Coro.sleep(ofSeconds(10));
            assertTrue(sleep.cancel());
            assertTrue(sleep.isCancelled());
            assertThrows(CancelledException.class, sleep::result);
            loop.callLater(ofMillis(1), () -> log.add("t=" + loop.time()));
            return coro(s -> s.await(() -> Coro.sleep(ofMillis(2))));
        });
        assertEquals(List.of("t=1000000"), log);
    }

    @Test
    void manyCancelledTimersAreCompactedAndTheRestStillFireInOrder() {
        List<Integer> fired = new ArrayList<>();
        int[] heapAfterCancel = new int[1];
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Cancellable> timers = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                timers.add(loop.callLater(ofMillis(10_000 - i), () -> fired.add(n)));
            }
            for (int i = 0; i < 10_000; i++) {
                if (i % 1000 != 7) {
                    assertTrue(timers.get(i).cancel());
                }
            }
            heapAfterCancel[0] = loop.timers.size();
            return Coro.sleep(ofSeconds(20));
        });
        assertEquals(List.of(9007, 8007, 7007, 6007, 5007, 4007, 3007, 2007, 1007, 7), fired);
        assertTrue(heapAfterCancel[0] < 5_000, "compacted, size " + heapAfterCancel[0]);
    }

    @Test
    void manyCancelledSleepsAreCompacted() {
        int[] heap = new int[1];
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            for (int i = 0; i < 100_000; i++) {
                Coro.sleep(ofSeconds(1 + i)).cancel();
            }
            heap[0] = loop.timers.size();
            return Coro.sleep(ofMillis(1));
        });
        assertTrue(heap[0] < 1_000, "heap size " + heap[0]);
    }

    @Test
    void virtualClockJumpsExactlyAndTakesNoRealTime() {
        long[] times = new long[3];
        long start = System.nanoTime();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            times[0] = loop.time();
            return coro(s -> s.await(() -> Coro.sleep(Duration.ofHours(5)))
                    .run(() -> times[1] = loop.time())
                    .await(() -> Coro.sleep(Duration.ofDays(3)))
                    .run(() -> times[2] = loop.time()));
        });
        assertEquals(0, times[0]);
        assertEquals(Duration.ofHours(5).toNanos(), times[1]);
        assertEquals(Duration.ofHours(5).plusDays(3).toNanos(), times[2]);
        assertTrue(System.nanoTime() - start < ofSeconds(5).toNanos());
    }

    @Test
    void zeroSleepIsAYield() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop.current().callSoon(() -> log.add("queued first"));
            Task<Void> s = Coro.sleep(Duration.ZERO);
            assertFalse(s.isDone());
            return coro(b -> b.await(s).run(() -> log.add("after sleep(0) at " + EventLoop.current().time())));
        });
        assertEquals(List.of("queued first", "after sleep(0) at 0"), log);
    }

    @Test
    void realClockSleepWaitsAtLeastItsDuration() {
        long start = System.nanoTime();
        EventLoop.run(() -> Coro.sleep(ofMillis(30)));
        long took = System.nanoTime() - start;
        assertTrue(took >= ofMillis(30).toNanos(), "took " + took);
    }

    @Test
    void aTimerScheduledByATimerRunsLater() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(ofMillis(5), () -> {
                log.add("outer@" + loop.time() / 1_000_000);
                loop.callLater(Duration.ZERO, () -> log.add("inner@" + loop.time() / 1_000_000));
                log.add("outer end");
            });
            return Coro.sleep(ofMillis(6));
        });
        assertEquals(List.of("outer@5", "outer end", "inner@5"), log);
    }

    @Test
    void hugeDelaysDoNotOverflow() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callLater(ofSeconds(Long.MAX_VALUE), () -> log.add("never"));
            loop.callLater(ofMillis(1), () -> log.add("soon"));
            return Coro.sleep(ofMillis(2));
        });
        assertEquals(List.of("soon"), log);
    }
}
