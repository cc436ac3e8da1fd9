package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cancellation: finally blocks, nested cancellation, the two delivery paths, shield, timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CancellationTest {

    /** Awaits {@code t} after logging, then the result; inside try/finally with a log. */
    static Task<Object> guarded(List<String> log, String name, Task<?> t) {
        return coro(s -> s.tryFinally(
                b -> b.run(() -> log.add(name + " awaits")).await(t).run(() -> log.add(name + " resumed")),
                f -> f.run(() -> log.add(name + " finally"))));
    }

    @Test
    void cancellingASuspendedCoroutineRunsItsFinallyAndMarksItCancelled() {
        List<String> log = Support.log();
        Task<?>[] seen = new Task<?>[2];
        TestEventLoop.run(() -> {
            Task<Void> sleep = Coro.sleep(ofSeconds(100));
            Task<Object> t = guarded(log, "c", sleep);
            seen[0] = t;
            seen[1] = sleep;
            assertTrue(t.cancel());
            assertFalse(t.isDone(), "the coroutine finishes on a later turn");
            assertTrue(sleep.isCancelled(), "the awaited task is cancelled at once");
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of("c awaits", "c finally"), log);
        assertTrue(seen[0].isCancelled());
        assertFalse(seen[0].isFailed());
        assertThrows(CancelledException.class, seen[0]::result);
        assertInstanceOf(CancelledException.class, seen[0].exception());
    }

    @Test
    void cancelOfADoneTaskReturnsFalse() {
        TestEventLoop.run(() -> {
            Task<Integer> t = coro(s -> s.ret(() -> 1));
            assertFalse(t.cancel());
            assertEquals(1, t.result());
            Promise<Integer> p = new Promise<>();
            p.complete(2);
            assertFalse(p.cancel());
            assertFalse(p.complete(3));
            assertEquals(2, p.result());
            return Task.completed(null);
        });
    }

    @Test
    void nestedCancellationRunsTheChildsFinallyBeforeTheParents() {
        List<String> log = Support.log();
        Task<?>[] tasks = new Task<?>[3];
        TestEventLoop.run(() -> {
            Task<Object> grandchild = guarded(log, "grandchild", Coro.sleep(ofSeconds(100)));
            Task<Object> child = guarded(log, "child", grandchild);
            Task<Object> parent = guarded(log, "parent", child);
            tasks[0] = parent;
            tasks[1] = child;
            tasks[2] = grandchild;
            EventLoop.current().callLater(ofMillis(5), parent::cancel);
            return coro(s -> s.tryCatch(CancelledException.class, b -> b.await(parent), h -> h.run(() -> log.add(
                    "main saw the cancellation"))));
        });
        assertEquals(List.of("grandchild awaits", "child awaits", "parent awaits", "grandchild finally",
                "child finally", "parent finally", "main saw the cancellation"), log);
        for (Task<?> t : tasks) {
            assertTrue(t.isCancelled(), t.toString());
        }
    }

    @Test
    void aCancelledCoroutineMayAwaitInItsFinallyBlock() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> t = coro(s -> s.tryFinally(b -> b.await(() -> Coro.sleep(ofSeconds(100))),
                    f -> f.run(() -> log.add("cleanup starts")).await(() -> Coro.sleep(ofSeconds(1)))
                            .run(() -> log.add("cleanup done at " + EventLoop.current().time() / 1_000_000_000))));
            EventLoop.current().callLater(ofSeconds(2), t::cancel);
            return coro(s -> s.tryCatch(CancelledException.class, b -> b.await(t), h -> h.run(() -> log.add(
                    "cancelled"))));
        });
        assertEquals(List.of("cleanup starts", "cleanup done at 3", "cancelled"), log);
    }

    @Test
    void aCoroutineThatCatchesTheCancellationCompletesNormally() {
        Object v = TestEventLoop.run(() -> {
            Task<Object> t = coro(s -> s.tryCatch(CancelledException.class,
                    b -> b.await(() -> Coro.sleep(ofSeconds(100))),
                    h -> h.run(() -> { }))
                    .ret(() -> "recovered"));
            EventLoop.current().callSoon(t::cancel);
            return t;
        });
        assertEquals("recovered", v);
    }

    @Test
    void cancelWhileRunningIsDeliveredAtTheNextSuspensionPoint() {
        List<String> log = Support.log();
        Task<?>[] sleep = new Task<?>[1];
        TestEventLoop.run(() -> {
            Task<Object>[] self = new Task[1];
            self[0] = coro(s -> s.await(Coro::yieldNow)
                    .with(c -> {
                        log.add("cancel myself: " + c.cancel());
                        log.add("requested: " + ((Steps<?>) c).cancelRequested());
                    })
                    .await(Task.completed("x")) // completed: not a suspension, nothing thrown
                    .then(v -> log.add("still running, got " + v))
                    .tryCatch(CancelledException.class,
                            b -> b.await(() -> sleep[0] = Coro.sleep(ofSeconds(100))).run(() -> log.add("no!")),
                            h -> h.run(() -> log.add("cancelled at the sleep"))));
            return self[0];
        });
        assertEquals(List.of("cancel myself: true", "requested: true", "still running, got x",
                "cancelled at the sleep"), log);
        assertTrue(sleep[0].isCancelled(), "the task it was about to await was cancelled");
    }

    @Test
    void cancelAfterTheResumptionWasQueuedIsDeliveredAtTheNextSuspension() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            Task<Object> t = coro(s -> s.await(p).then(v -> log.add("resumed with " + v))
                    .tryCatch(CancelledException.class, b -> b.await(Coro::yieldNow).run(() -> log.add("no!")),
                            h -> h.run(() -> log.add("cancelled at the next await"))));
            EventLoop.current().callSoon(() -> {
                p.complete("value");
                log.add("cancel: " + t.cancel()); // its resumption is queued
            });
            return t;
        });
        assertEquals(List.of("cancel: true", "resumed with value", "cancelled at the next await"), log);
    }

    @Test
    void aCoroutineAwaitingACancelledPromiseGetsCancelledException() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            Task<Object> t = coro(s -> s.tryCatch(CancelledException.class, b -> b.await(p),
                    h -> h.with(c -> log.add("caught " + c.caught().getClass().getSimpleName()))));
            EventLoop.current().callSoon(p::cancel);
            return t;
        });
        assertEquals(List.of("caught CancelledException"), log);
    }

    @Test
    void shieldLetsTheInnerTaskFinishWhileTheAwaiterIsCancelled() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> inner = coro(s -> s.await(() -> Coro.sleep(ofSeconds(10)))
                    .run(() -> log.add("inner done at " + EventLoop.current().time() / 1_000_000_000))
                    .ret(() -> "inner value"));
            Task<Object> outer = coro(s -> s.tryCatch(CancelledException.class, b -> b.await(Coro.shield(inner)),
                    h -> h.run(() -> log.add("outer cancelled, inner done=" + inner.isDone()))));
            EventLoop.current().callLater(ofSeconds(1), outer::cancel);
            return coro(s -> s.await(outer).await(inner).then(v -> log.add("main got " + v)));
        });
        assertEquals(List.of("outer cancelled, inner done=false", "inner done at 10", "main got inner value"), log);
    }

    @Test
    void shieldOfADoneTaskIsDone() {
        TestEventLoop.run(() -> {
            Task<String> s = Coro.shield(Task.completed("x"));
            assertTrue(s.isDone());
            assertEquals("x", s.result());
            return Task.completed(null);
        });
    }

    @Test
    void withTimeoutCancelsTheTaskAndFailsWithTaskTimeoutException() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> slow = guarded(log, "slow", Coro.sleep(ofSeconds(10)));
            return coro(s -> s.tryCatch(TaskTimeoutException.class,
                    b -> b.await(Coro.withTimeout(ofSeconds(2), slow)),
                    h -> h.with(c -> log.add("timeout at " + EventLoop.current().time() / 1_000_000_000
                            + ", slow cancelled=" + slow.isCancelled()))));
        });
        assertEquals(List.of("slow awaits", "slow finally", "timeout at 2, slow cancelled=true"), log);
    }

    @Test
    void withTimeoutPassesTheValueAndFailureThroughAndDropsItsTimer() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Object> fast = coro(s -> s.await(() -> Coro.sleep(ofSeconds(1))).ret(() -> "fast"));
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Object> failing = coro(s -> s.await(() -> Coro.sleep(ofSeconds(1))).fail(() -> boom));
            return coro(s -> s.await(Coro.withTimeout(ofSeconds(5), fast)).then(v -> log.add("got " + v))
                    .tryCatch(IllegalStateException.class, b -> b.await(Coro.withTimeout(ofSeconds(5), failing)),
                            h -> h.with(c -> log.add("same failure " + (c.caught() == boom))))
                    .await(Coro.withTimeout(ofSeconds(5), Task.completed("done already")))
                    .then(v -> log.add("got " + v))
                    .run(() -> log.add("end at " + loop.time() / 1_000_000_000)));
        });
        assertEquals(List.of("got fast", "same failure true", "got done already", "end at 1"), log);
    }

    @Test
    void withTimeoutKeepsTheOutcomeOfATaskThatIgnoresTheCancellation() {
        Object v = TestEventLoop.run(() -> {
            Task<Object> stubborn = coro(s -> s.tryCatch(CancelledException.class,
                    b -> b.await(() -> Coro.sleep(ofSeconds(10))),
                    h -> h.await(() -> Coro.sleep(ofSeconds(1))))
                    .ret(() -> "finished anyway"));
            return Coro.withTimeout(ofSeconds(1), stubborn);
        });
        assertEquals("finished anyway", v);
    }

    @Test
    void cancellingTheAwaiterOfATimeoutIsNotSwallowedByTheTimeout() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> slow = guarded(log, "slow", Coro.sleep(ofSeconds(10)));
            Task<Object> waiter = coro(s -> s.tryCatch(CancelledException.class,
                    b -> b.await(Coro.withTimeout(ofSeconds(1), slow)),
                    h -> h.run(() -> log.add("waiter cancelled"))));
            EventLoop.current().callLater(ofMillis(500), waiter::cancel);
            return waiter;
        });
        assertEquals(List.of("slow awaits", "slow finally", "waiter cancelled"), log);
    }

    @Test
    void cancellingTheTimeoutTaskCancelsTheInnerTask() {
        Task<?>[] inner = new Task<?>[2];
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            Task<String> t = Coro.withTimeout(ofSeconds(1), p);
            inner[0] = p;
            inner[1] = t;
            assertTrue(t.cancel());
            return Task.completed(null);
        });
        assertTrue(inner[0].isCancelled());
        assertTrue(inner[1].isCancelled());
    }

    @Test
    void cancellingASleepingCoroutineOnAnotherLoopThreadIsRejected() {
        Task<?>[] t = new Task<?>[1];
        try (EventLoop loop = EventLoop.startThread("cancel-thread-check")) {
            loop.submit(() -> {
                t[0] = Coro.sleep(ofSeconds(100));
                return Task.completed(null);
            }).join();
            IllegalStateException e = assertThrows(IllegalStateException.class, t[0]::cancel);
            assertTrue(e.getMessage().contains("event loop thread"), e.getMessage());
        }
    }
}
