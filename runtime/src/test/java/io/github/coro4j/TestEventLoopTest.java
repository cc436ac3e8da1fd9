package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test loop: virtual clock, deadlock detection instead of a hang, unread failures as AssertionError. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestEventLoopTest {

    @Test
    void timeJumpsToTheNextTimerOnlyWhenNothingIsReady() {
        List<String> log = Support.log();
        long start = System.nanoTime();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Object> busy = coro(s -> {
                for (int i = 0; i < 100; i++) {
                    s.await(Coro::yieldNow);
                }
                s.run(() -> log.add("busy done at " + loop.time()));
            });
            Task<Object> sleeper = coro(s -> s.await(() -> Coro.sleep(Duration.ofDays(365)))
                    .run(() -> log.add("slept a year: " + (loop.time() == Duration.ofDays(365).toNanos()))));
            return Coro.all(busy, sleeper);
        });
        assertEquals(List.of("busy done at 0", "slept a year: true"), log);
        assertTrue(System.nanoTime() - start < ofSeconds(5).toNanos());
    }

    @Test
    void eachRunStartsAtTimeZero() {
        for (int i = 0; i < 2; i++) {
            long t = TestEventLoop.run(() -> coro(s -> s.await(() -> Coro.sleep(ofSeconds(7)))
                    .ret(() -> EventLoop.current().time())));
            assertEquals(ofSeconds(7).toNanos(), t);
        }
    }

    @Test
    void aDeadlockFailsFastInsteadOfHanging() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestEventLoop.run(() -> {
            Promise<String> never = new Promise<>();
            return coro(s -> s.await(never));
        }));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
        assertTrue(e.getMessage().contains("Steps"), "names the waiting task: " + e.getMessage());
    }

    @Test
    void aLockCycleIsReportedAsDeadlock() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestEventLoop.run(() -> {
            io.github.coro4j.sync.Lock a = new io.github.coro4j.sync.Lock();
            io.github.coro4j.sync.Lock b = new io.github.coro4j.sync.Lock();
            Task<Object> t1 = coro(s -> s.await(a::acquire).await(Coro::yieldNow).await(b::acquire));
            Task<Object> t2 = coro(s -> s.await(b::acquire).await(Coro::yieldNow).await(a::acquire));
            return Coro.all(t1, t2);
        }));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    }

    @Test
    void theClockDoesNotJumpWhileWorkRunsOnAnotherThread() {
        Object v = TestEventLoop.run(() -> Coro.race(
                coro(s -> s.await(() -> Coro.toThread(() -> {
                    Thread.sleep(50);
                    return "thread";
                })).retLast()),
                coro(s -> s.await(() -> Coro.sleep(Duration.ofHours(1))).ret(() -> "timer"))));
        assertEquals("thread", v);
    }

    @Test
    void unreadFailuresBecomeAnAssertionErrorEvenWhenMainSucceeds() {
        IOException boom = new IOException("child");
        AssertionError e = assertThrows(AssertionError.class, () -> TestEventLoop.run(() -> {
            coro(s -> s.await(() -> Coro.sleep(ofSeconds(1))).fail(() -> boom));
            return coro(s -> s.await(() -> Coro.sleep(ofSeconds(2))).ret(() -> "ok"));
        }));
        assertTrue(e.getMessage().contains("never retrieved"), e.getMessage());
        assertSame(boom, e.getSuppressed()[0]);
    }

    @Test
    void whenMainFailsTheOtherUnreadFailuresAreAttached() {
        assertUnreadFailureAttachedToMain(new IllegalStateException("main"), new IOException("child"));
    }

    @Test
    void whenMainFailsWithACheckedExceptionTheOtherUnreadFailuresAreAttachedToo() {
        assertUnreadFailureAttachedToMain(new IOException("main"), new IllegalStateException("child"));
    }

    /** A child fails unread, then the main task fails: the run throws the main failure, the child's attached. */
    private static void assertUnreadFailureAttachedToMain(Throwable mainFailure, Throwable childFailure) {
        Throwable e = assertThrows(Throwable.class, () -> TestEventLoop.run(() -> {
            coro(s -> s.await(Coro::yieldNow).fail(() -> childFailure));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow).fail(() -> mainFailure));
        }));
        assertSame(mainFailure, e);
        assertEquals(List.of(childFailure), List.of(e.getSuppressed()));
    }

    @Test
    void pendingTasksAreCancelledAtTheEndAndTheirFinallyRuns() {
        List<String> log = Support.log();
        Object v = TestEventLoop.run(() -> {
            coro(s -> s.tryFinally(b -> b.await(() -> Coro.sleep(Duration.ofDays(1))),
                    f -> f.run(() -> log.add("background finally at " + EventLoop.current().time()))));
            return coro(s -> s.await(() -> Coro.sleep(ofSeconds(1))).ret(() -> "main"));
        });
        assertEquals("main", v);
        assertEquals(List.of("background finally at 1000000000"), log);
    }
}
