package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failures nobody retrieves are reported, never lost; failures that were read are not. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailureReportingTest {

    @Test
    void anUnreadFailureIsReportedWhenTheLoopCloses() {
        IOException boom = new IOException("boom");
        Support.Reports[] reports = new Support.Reports[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            coro(s -> s.await(Coro::yieldNow).fail(() -> boom)); // nobody awaits it
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(1, reports[0].messages.size(), reports[0].messages.toString());
        assertTrue(reports[0].messages.get(0).contains("never retrieved"), reports[0].messages.toString());
        assertEquals(List.of(boom), reports[0].errors);
    }

    @Test
    void aFailureReadByAwaitResultExceptionOrCallbackIsNotReported() {
        Support.Reports[] reports = new Support.Reports[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            Task<Object> a = coro(s -> s.await(Coro::yieldNow).fail(() -> new IllegalStateException("a")));
            Task<Object> b = coro(s -> s.await(Coro::yieldNow).fail(() -> new IllegalStateException("b")));
            Task<Object> c = coro(s -> s.await(Coro::yieldNow).fail(() -> new IllegalStateException("c")));
            Task<Object> d = coro(s -> s.await(Coro::yieldNow).fail(() -> new IllegalStateException("d")));
            d.onComplete(t -> { });
            return coro(s -> s.tryCatch(IllegalStateException.class, x -> x.await(a), h -> { })
                    .await(Coro::yieldNow)
                    .run(() -> assertThrows(IllegalStateException.class, b::result))
                    .run(() -> assertEquals("c", c.exception().getMessage()))
                    .await(Coro::yieldNow));
        });
        assertEquals(List.of(), reports[0].messages);
    }

    @Test
    void aFailedTaskThatIsGarbageCollectedUnreadIsReportedWhileTheLoopRuns() {
        IllegalStateException boom = new IllegalStateException("collected");
        Support.Reports[] reports = new Support.Reports[1];
        boolean[] reportedBeforeClose = new boolean[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            WeakReference<Task<?>> ref = new WeakReference<>(failNow(boom));
            // GC is not deterministic: poll for a bounded time, turning the loop so it drains its queue.
            Promise<Void> done = new Promise<>();
            EventLoop loop = EventLoop.current();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Runnable[] check = new Runnable[1];
            check[0] = () -> {
                if (reports[0].any("never retrieved") || System.nanoTime() > deadline) {
                    reportedBeforeClose[0] = reports[0].any("never retrieved");
                    done.complete(null);
                    return;
                }
                if (ref.get() != null) {
                    System.gc();
                }
                loop.callLater(ofMillis(5), check[0]);
            };
            loop.callSoon(check[0]);
            return done;
        });
        assertTrue(reportedBeforeClose[0], reports[0].messages.toString());
        assertEquals(List.of(boom), reports[0].errors);
    }

    private static Task<Object> failNow(Throwable t) {
        Promise<Object> p = new Promise<>();
        p.fail(t);
        return p;
    }

    @Test
    void aThrowingCallbackIsReportedAndTheLoopGoesOn() {
        List<String> log = Support.log();
        Support.Reports[] reports = new Support.Reports[1];
        IllegalStateException boom = new IllegalStateException("callback");
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            EventLoop.current().callSoon(() -> {
                throw boom;
            });
            EventLoop.current().callSoon(() -> log.add("next callback ran"));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of("next callback ran"), log);
        assertEquals(List.of(boom), reports[0].errors);
        assertTrue(reports[0].messages.get(0).contains("a callback threw"), reports[0].messages.toString());
    }

    @Test
    void theFailureOfTheMainTaskIsRethrownAndNotReportedAsNeverRetrieved() {
        IOException boom = new IOException("main");
        Support.Reports[] reports = new Support.Reports[1];
        Throwable thrown = assertThrows(IOException.class, () -> EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            return coro(s -> s.await(Coro::yieldNow).fail(() -> boom));
        }));
        assertSame(boom, thrown);
        assertEquals(List.of(), reports[0].messages);
    }

    @Test
    void cancellationsAreNotReportedAsFailures() {
        Support.Reports[] reports = new Support.Reports[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            Task<Object> t = coro(s -> s.await(() -> Coro.sleep(java.time.Duration.ofSeconds(100))));
            t.cancel();
            new Promise<String>().cancel();
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of(), reports[0].messages);
    }

    @Test
    void testEventLoopTurnsUnreadFailuresIntoAnAssertionError() {
        IllegalStateException boom = new IllegalStateException("lost");
        AssertionError e = assertThrows(AssertionError.class, () -> TestEventLoop.run(() -> {
            coro(s -> s.await(Coro::yieldNow).fail(() -> boom));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow).ret(() -> "value"));
        }));
        assertTrue(e.getMessage().contains("never retrieved"), e.getMessage());
        assertEquals(List.of(boom), List.of(e.getSuppressed()));
    }
}
