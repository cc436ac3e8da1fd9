package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Debug mode: -Dcoro4j.debug=true, read when a loop is created. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ResourceLock("system-properties")
class DebugModeTest {

    @AfterEach
    void clear() {
        System.clearProperty("coro4j.debug");
        System.clearProperty("coro4j.slowStepMillis");
    }

    /** Runs {@code main} on a new loop created in debug mode, returning what it reported. */
    static Support.Reports runInDebug(Supplier<? extends Task<?>> main) {
        // a threshold no GC or JIT pause reaches: only the reports a test provokes on purpose
        return runInDebug(10_000, main);
    }

    /** Same, with the given slow-step threshold. */
    static Support.Reports runInDebug(long slowStepMillis, Supplier<? extends Task<?>> main) {
        System.setProperty("coro4j.debug", "true");
        System.setProperty("coro4j.slowStepMillis", Long.toString(slowStepMillis));
        Support.Reports[] reports = new Support.Reports[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            @SuppressWarnings("unchecked") Task<Object> t = (Task<Object>) main.get();
            return t;
        });
        return reports[0];
    }

    static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aSlowStepIsReportedWithTheCoroutinesCreationSite() {
        Support.Reports r = runInDebug(150, () -> coro(s -> s.await(Coro::yieldNow).run(() -> spin(300))));
        assertEquals(1, r.messages.size(), r.messages.toString());
        assertTrue(r.messages.get(0).contains("a step held the loop for"), r.messages.get(0));
        assertEquals(1, r.errors.size());
        assertTrue(r.errors.get(0).getMessage().contains("created here"), r.errors.get(0).getMessage());
        boolean sitePointsHere = false;
        for (StackTraceElement e : r.errors.get(0).getStackTrace()) {
            sitePointsHere |= e.getClassName().startsWith(DebugModeTest.class.getName());
        }
        assertTrue(sitePointsHere, "the creation site names the test");
    }

    @Test
    void aSlowCallbackIsReported() {
        Support.Reports r = runInDebug(20, () -> {
            EventLoop.current().callSoon(() -> spin(60));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertTrue(r.any("a step held the loop for"), r.messages.toString());
    }

    @Test
    void fastStepsAreNotReported() {
        Support.Reports r = runInDebug(500, () -> coro(s -> s.await(Coro::yieldNow).ret(() -> 1)));
        assertEquals(List.of(), r.messages);
    }

    @Test
    void aCoroutineNobodyAwaitsIsReportedAtClose() {
        Support.Reports r = runInDebug(() -> {
            coro(s -> s.await(Coro::yieldNow).ret(() -> "ignored")); // result never read
            Task<Object> awaited = coro(s -> s.await(Coro::yieldNow).ret(() -> "read"));
            return coro(s -> s.await(awaited).await(Coro::yieldNow));
        });
        assertEquals(1, r.messages.size(), r.messages.toString());
        assertTrue(r.messages.get(0).contains("Task was never awaited"), r.messages.get(0));
        assertTrue(r.errors.get(0).getMessage().contains("created here"));
    }

    @Test
    void aCompletedCoroutineConsumedByACombinatorCallbackFutureOrGroupIsNotReportedAsNeverAwaited() {
        Support.Reports r = runInDebug(() -> {
            Task<Object> a = coro(s -> s.ret(() -> "a")); // all of these complete synchronously
            Task<Object> b = coro(s -> s.ret(() -> "b"));
            Task<Object> c = coro(s -> s.ret(() -> "c"));
            Task<Object> d = coro(s -> s.ret(() -> "d"));
            Task<Object> e = coro(s -> s.ret(() -> "e"));
            Task<Object> f = coro(s -> s.ret(() -> "f"));
            Task<java.util.List<Object>> all = Coro.all(a);
            Task<Object> race = Coro.race(b);
            Task<Object> shield = Coro.shield(c);
            d.onComplete(t -> { });
            java.util.concurrent.CompletableFuture<Object> future = e.toCompletableFuture();
            TaskGroup g = new TaskGroup();
            g.spawn(f);
            return coro(s -> s.await(all).await(race).await(shield).await(g.join()).await(Coro::yieldNow)
                    .run(() -> assertEquals("e", future.join())));
        });
        assertEquals(List.of(), r.messages);
    }

    @Test
    void debugModeIsOffByDefault() {
        Support.Reports[] r = new Support.Reports[1];
        EventLoop.run(() -> {
            r[0] = Support.Reports.install();
            assertNull(EventLoop.current().debug);
            coro(s -> s.ret(() -> "ignored"));
            return coro(s -> s.await(Coro::yieldNow).run(() -> spin(120)));
        });
        assertEquals(List.of(), r[0].messages);
    }

    @Test
    void theSettingIsReadWhenALoopIsCreated() {
        System.setProperty("coro4j.debug", "true");
        boolean[] on = new boolean[2];
        EventLoop.run(() -> {
            on[0] = EventLoop.current().debug != null;
            System.clearProperty("coro4j.debug");
            on[1] = EventLoop.current().debug != null;
            return Task.completed(null);
        });
        assertTrue(on[0]);
        assertTrue(on[1], "a running loop keeps its mode");
        EventLoop.run(() -> {
            on[0] = EventLoop.current().debug != null;
            return Task.completed(null);
        });
        assertFalse(on[0]);
    }

    @Test
    void anUnreadFailureCarriesTheCreationSiteInDebugMode() {
        IllegalStateException boom = new IllegalStateException("lost");
        Support.Reports r = runInDebug(() -> {
            coro(s -> s.await(Coro::yieldNow).fail(() -> boom));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertTrue(r.any("never retrieved"), r.messages.toString());
        assertEquals(List.of(boom), r.errors);
        assertEquals(1, boom.getSuppressed().length);
        assertTrue(boom.getSuppressed()[0].getMessage().contains("created here"));
    }
}
