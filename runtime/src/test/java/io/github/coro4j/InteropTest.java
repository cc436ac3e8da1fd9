package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CompletableFuture in and out, offloading blocking work to threads. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InteropTest {

    @Test
    void taskFromAFutureCompletedByAnotherThread() {
        List<String> log = Support.log();
        Object v = EventLoop.run(() -> {
            CompletableFuture<String> f = new CompletableFuture<>();
            Task<String> t = Task.from(f);
            assertFalse(t.isDone());
            new Thread(() -> f.complete("from thread")).start();
            return coro(s -> s.await(t).then(x -> log.add(x + " on " + EventLoop.current().inLoop()))
                    .retLast());
        });
        assertEquals("from thread", v);
        assertEquals(List.of("from thread on true"), log);
    }

    @Test
    void taskFromAFailedOrCancelledFutureKeepsTheOriginalException() {
        IOException boom = new IOException("io");
        TestEventLoop.run(() -> {
            Task<Object> failed = Task.from(CompletableFuture.failedFuture(boom));
            assertTrue(failed.isFailed());
            assertSame(boom, failed.exception());
            CompletableFuture<Object> c = new CompletableFuture<>();
            c.cancel(false);
            Task<Object> cancelled = Task.from(c);
            assertTrue(cancelled.isCancelled());
            assertEquals("v", Task.from(CompletableFuture.completedFuture("v")).result());
            return Task.completed(null);
        });
        Throwable t = assertThrows(Throwable.class, () -> EventLoop.run(() -> {
            CompletableFuture<Object> f = new CompletableFuture<>();
            new Thread(() -> f.completeExceptionally(boom)).start();
            return Task.from(f);
        }));
        assertSame(boom, t);
    }

    @Test
    void cancellingATaskFromAFutureCancelsTheFuture() {
        CompletableFuture<Object> f = new CompletableFuture<>();
        TestEventLoop.run(() -> {
            Task<Object> t = Task.from(f);
            t.cancel();
            return coro(s -> s.await(Coro::yieldNow));
        });
        assertTrue(f.isCancelled());
    }

    @Test
    void toCompletableFutureCarriesValueAndOriginalFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        CompletableFuture<?>[] fs = new CompletableFuture<?>[3];
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            fs[0] = p.toCompletableFuture();
            Promise<String> q = new Promise<>();
            fs[1] = q.toCompletableFuture();
            fs[2] = Task.completed("done").toCompletableFuture();
            assertFalse(fs[0].isDone());
            EventLoop.current().callSoon(() -> {
                p.complete("value");
                q.fail(boom);
            });
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals("value", fs[0].get());
        CompletionException e = assertThrows(CompletionException.class, fs[1]::join);
        assertSame(boom, e.getCause());
        assertEquals("done", fs[2].get());
    }

    @Test
    void toThreadRunsOffTheLoopAndBringsTheValueBack() {
        String[] where = new String[2];
        Object v = EventLoop.run(() -> {
            where[0] = Thread.currentThread().getName();
            return coro(s -> s.await(() -> Coro.toThread(() -> {
                where[1] = Thread.currentThread().getName();
                return 6 * 7;
            })).retLast());
        });
        assertEquals(42, v);
        assertNotEquals(where[0], where[1]);
        assertTrue(where[1].startsWith("coro4j-offload-"), where[1]);
    }

    @Test
    void runInExecutorUsesTheGivenExecutorAndRethrowsTheOriginalCheckedException() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-pool"));
        try {
            IOException boom = new IOException("offloaded");
            String[] where = new String[1];
            Throwable t = assertThrows(Throwable.class, () -> EventLoop.run(() -> EventLoop.current()
                    .runInExecutor(pool, () -> {
                        where[0] = Thread.currentThread().getName();
                        throw boom;
                    })));
            assertSame(boom, t);
            assertEquals("custom-pool", where[0]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancellingOffloadedWorkInterruptsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        EventLoop.run(() -> {
            Task<Object> work = Coro.toThread(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            });
            return coro(s -> s.await(() -> Coro.toThread(() -> started.await(10, TimeUnit.SECONDS)))
                    .run(() -> assertTrue(work.cancel()))
                    .tryCatch(CancelledException.class, b -> b.await(work), h -> { }));
        });
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    @Test
    void offloadingOnAClosedLoopIsRejected() {
        EventLoop[] loop = new EventLoop[1];
        EventLoop.run(() -> {
            loop[0] = EventLoop.current();
            return Task.completed(null);
        });
        // same thread as the closed loop's
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> loop[0].runInExecutor(() -> 1));
    }
}
