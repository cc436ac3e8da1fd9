package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** EventLoop.run, startThread and close, closed loops, the coroutine factory off the loop, Coro.await outside. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Test
    void runReturnsTheValueOfTheMainTask() {
        assertEquals("hello", EventLoop.run(() -> coro(s -> s.await(Coro::yieldNow).ret(() -> "hello"))));
        assertEquals(42, EventLoop.run(() -> Task.completed(42)));
    }

    @Test
    void runRethrowsTheOriginalUncheckedException() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> coro(s -> s.await(Coro::yieldNow).fail(() -> boom)))));
    }

    @Test
    void runRethrowsTheOriginalCheckedException() {
        IOException boom = new IOException("checked");
        Throwable t = assertThrows(Throwable.class,
                () -> EventLoop.run(() -> coro(s -> s.await(Coro::yieldNow).fail(() -> boom))));
        assertSame(boom, t);
        Throwable t2 = assertThrows(Throwable.class, () -> TestEventLoop.run(() -> Task.failed(boom)));
        assertSame(boom, t2);
    }

    @Test
    void runRethrowsWhatTheMainSupplierThrows() {
        IllegalArgumentException boom = new IllegalArgumentException("supplier");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> EventLoop.run(() -> {
            throw boom;
        })));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> EventLoop.run(() -> null));
        assertTrue(npe.getMessage().contains("returned null"), npe.getMessage());
    }

    @Test
    void aCancelledMainTaskThrowsCancelledException() {
        assertThrows(CancelledException.class, () -> EventLoop.run(() -> {
            Task<Object> t = coro(s -> s.await(() -> Coro.sleep(ofSeconds(100))));
            EventLoop.current().callSoon(t::cancel);
            return t;
        }));
    }

    @Test
    void runCannotBeNestedOnALoopThread() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.run(() -> EventLoop.run(() -> Task.completed(1)) == 1 ? Task.completed(1) : null));
        assertTrue(e.getMessage().contains("already running an event loop"), e.getMessage());
    }

    @Test
    void aCoroutineFactoryOffTheLoopFailsWithNoRunningEventLoop() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Steps.create(s -> { }));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
        for (Runnable r : new Runnable[] {EventLoop::current, Promise::new, Coro::yieldNow,
                () -> Coro.sleep(ofMillis(1)), TaskGroup::new}) {
            IllegalStateException e2 = assertThrows(IllegalStateException.class, r::run);
            assertTrue(e2.getMessage().contains("no running event loop"), e2.getMessage());
        }
    }

    @Test
    void coroAwaitOutsideACoroutine() {
        assertEquals("v", Coro.await(Task.completed("v")));
        IOException checked = new IOException("checked");
        assertSame(checked, assertThrows(IOException.class, () -> Coro.await(Task.failed(checked), IOException.class)));
        assertSame(checked, assertThrows(Throwable.class, () -> Coro.await(Task.failed(checked))));
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.await(p));
            assertTrue(e.getMessage().contains("pending task outside a @Coroutine"), e.getMessage());
            p.complete("done");
            assertEquals("done", Coro.await(p));
            return p;
        });
    }

    @Test
    void startingACoroutineTwiceFails() {
        TestEventLoop.run(() -> {
            Steps<Object> s = Steps.create(b -> b.ret(() -> 1));
            s.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, s::start);
            assertTrue(e.getMessage().contains("already started"), e.getMessage());
            return s;
        });
    }

    @Test
    void aClosedLoopRejectsWorkFromItsOwnThreadAndFromOthers() throws Exception {
        EventLoop[] loop = new EventLoop[1];
        EventLoop.run(() -> {
            loop[0] = EventLoop.current();
            return Task.completed(null);
        });
        EventLoop l = loop[0];
        assertTrue(l.isClosed());
        assertRejected(() -> l.callSoon(() -> { }));
        assertRejected(() -> l.execute(() -> { }));
        assertRejected(() -> l.callLater(ofMillis(1), () -> { }));
        assertRejected(() -> l.submit(() -> Task.completed(1)));
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            assertRejected(() -> l.callSoon(() -> { }));
            assertRejected(() -> l.callLater(ofMillis(1), () -> { }));
            assertRejected(() -> l.submit(() -> Task.completed(1)));
        });
        other.get(10, TimeUnit.SECONDS);
    }

    static void assertRejected(Runnable r) {
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, r::run);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void startThreadRunsWorkUntilCloseWhichCancelsPendingTasksAndWaits() throws Exception {
        List<String> log = Support.log();
        EventLoop loop = EventLoop.startThread("lifecycle-loop");
        assertFalse(loop.inLoop());
        CompletableFuture<String> name = loop.submit(() -> Task.completed(Thread.currentThread().getName()));
        assertEquals("lifecycle-loop", name.get(10, TimeUnit.SECONDS));
        CountDownLatch suspended = new CountDownLatch(1);
        CompletableFuture<Object> forever = loop.submit(() -> coro(s -> s.tryFinally(
                b -> b.run(suspended::countDown).await(() -> Coro.sleep(Duration.ofDays(1))),
                f -> f.run(() -> log.add("finally on " + Thread.currentThread().getName())))));
        assertTrue(suspended.await(10, TimeUnit.SECONDS));
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals(List.of("finally on lifecycle-loop"), log);
        // CompletableFuture.get throws a CancellationException as it is
        assertThrows(CancelledException.class, () -> forever.get(10, TimeUnit.SECONDS));
        loop.close(); // harmless
        assertRejected(() -> loop.execute(() -> { }));
    }

    @Test
    void closeFromTheLoopThreadStopsTheLoop() throws Exception {
        EventLoop loop = EventLoop.startThread("self-closing");
        loop.execute(loop::close);
        loop.close(); // waits for termination
        assertTrue(loop.isClosed());
    }

    @Test
    void aSubmittedTaskStillPendingWhenTheLoopClosesCompletesItsFuture() throws Exception {
        EventLoop loop = EventLoop.startThread("closing-with-promise");
        CompletableFuture<String> f = loop.submit(Promise::new); // nobody will ever complete it
        loop.submit(() -> Task.completed(null)).get(10, TimeUnit.SECONDS);
        loop.close();
        assertThrows(CancelledException.class, () -> f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shutdownGivesUpOnTasksThatIgnoreCancellationAfterTheGracePeriod() {
        Support.Reports[] reports = new Support.Reports[1];
        long start = System.nanoTime();
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            EventLoop.current().shutdownGraceNanos = TimeUnit.MILLISECONDS.toNanos(300);
            // swallows the cancellation, then waits much longer than the grace period
            coro(s -> s.tryCatch(CancelledException.class, b -> b.await(() -> Coro.sleep(Duration.ofHours(1))),
                    h -> h.await(() -> Coro.sleep(Duration.ofHours(1)))));
            return Task.completed("main done");
        });
        long took = System.nanoTime() - start;
        assertTrue(took < TimeUnit.SECONDS.toNanos(10), "took " + took / 1_000_000 + " ms");
        assertTrue(reports[0].any("still pending when the loop closed"), reports[0].messages.toString());
    }

    @Test
    void theLoopKeepsSuspendedCoroutinesReachable() {
        boolean[] stillThere = new boolean[1];
        Object v = EventLoop.run(() -> {
            Object[] refs = suspendedCoroutine(stillThere);
            @SuppressWarnings("unchecked") WeakReference<Task<Object>> ref = (WeakReference<Task<Object>>) refs[0];
            @SuppressWarnings("unchecked") WeakReference<Promise<String>> pref =
                    (WeakReference<Promise<String>>) refs[1];
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertNotNull(ref.get(), "a suspended coroutine was collected");
            assertEquals(1, EventLoop.current().pendingTasks());
            Promise<String> promise = pref.get();
            assertNotNull(promise);
            EventLoop.current().callSoon(() -> promise.complete("x"));
            return ref.get();
        });
        assertTrue(stillThere[0]);
        assertEquals("resumed", v);
    }

    /** A coroutine awaiting a promise; only weak references to both are returned. */
    private static Object[] suspendedCoroutine(boolean[] resumed) {
        Promise<String> p = new Promise<>();
        Task<Object> t = coro(s -> s.await(p).then(x -> resumed[0] = true).ret(() -> "resumed"));
        return new Object[] {new WeakReference<>(t), new WeakReference<>(p)};
    }

    @Test
    void workSubmittedWhileTheLoopIsClosingIsRejected() throws Exception {
        EventLoop loop = EventLoop.startThread("closing-submit");
        CompletableFuture<?>[] late = new CompletableFuture<?>[1];
        CountDownLatch suspended = new CountDownLatch(1);
        // a task whose cleanup, run during close, submits more work
        loop.submit(() -> coro(s -> s.tryFinally(b -> b.run(suspended::countDown)
                        .await(() -> Coro.sleep(Duration.ofDays(1))),
                f -> f.run(() -> late[0] = loop.submit(() -> coro(x -> x.await(() -> Coro.sleep(Duration.ofDays(1)))))))));
        assertTrue(suspended.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        loop.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "close waited for the late task");
        ExecutionException e = assertThrows(ExecutionException.class, () -> late[0].get(10, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
    }

    @Test
    void submitFromTheLoopThreadStartsOnALaterTurn() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            CompletableFuture<String> f = EventLoop.current().submit(() -> {
                log.add("started");
                return Task.completed("x");
            });
            log.add("submitted, done=" + f.isDone());
            return coro(s -> s.await(Coro::yieldNow).run(() -> log.add("future " + f.join())));
        });
        assertEquals(List.of("submitted, done=false", "started", "future x"), log);
    }

    @Test
    void aSubmittedSupplierThatThrowsFailsTheFuture() throws Exception {
        try (EventLoop loop = EventLoop.startThread("submit-throws")) {
            IllegalStateException boom = new IllegalStateException("supplier");
            CompletableFuture<Object> f = loop.submit(() -> {
                throw boom;
            });
            CompletionException e = assertThrows(CompletionException.class, f::join);
            assertSame(boom, e.getCause());
        }
    }
}
