package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The contract generated code relies on, as written in StateMachine's javadoc. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StateMachineContractTest {

    @Test
    void aBodyThatThrowsBeforeItsFirstSuspensionFailsTheTaskStartDoesNotThrow() {
        IOException boom = new IOException("sync");
        TestEventLoop.run(() -> {
            Task<Object> t = coro(s -> s.fail(() -> boom));
            assertTrue(t.isFailed());
            assertSame(boom, t.exception());
            return Task.completed(null);
        });
    }

    @Test
    void aBodyThatThrowsCancelledExceptionEndsCancelledNotFailed() {
        TestEventLoop.run(() -> {
            Task<Object> t = coro(s -> s.fail(() -> new CancelledException("by hand")));
            assertTrue(t.isCancelled());
            assertFalse(t.isFailed());
            Promise<String> p = new Promise<>();
            p.fail(new CancelledException("promise"));
            assertTrue(p.isCancelled());
            return Task.completed(null);
        });
    }

    @Test
    void anErrorThrownByABodyFailsTheTaskAndTheLoopGoesOn() {
        StackOverflowError error = new StackOverflowError("deep");
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> t = coro(s -> s.await(Coro::yieldNow).fail(() -> error));
            return coro(s -> s.tryCatch(StackOverflowError.class, b -> b.await(t),
                    h -> h.with(c -> log.add("same error " + (c.caught() == error))))
                    .await(Coro::yieldNow).run(() -> log.add("loop still running")));
        });
        assertEquals(List.of("same error true", "loop still running"), log);
    }

    @Test
    void theResultOfAVoidCoroutineIsNull() {
        assertNull(TestEventLoop.run(() -> coro(s -> s.await(Coro::yieldNow))));
    }

    @Test
    void aCancelledParentResumesWithCancelledExceptionEvenIfTheChildSwallowsIt() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> child = coro(s -> s.tryCatch(CancelledException.class,
                    b -> b.await(() -> Coro.sleep(ofSeconds(10))),
                    h -> h.run(() -> log.add("child swallowed"))).ret(() -> "child value"));
            Task<Object> parent = coro(s -> s.tryCatch(CancelledException.class, b -> b.await(child)
                            .then(v -> log.add("parent got " + v)),
                    h -> h.run(() -> log.add("parent cancelled"))));
            EventLoop.current().callLater(ofSeconds(1), parent::cancel);
            return coro(s -> s.await(parent).await(child).then(v -> log.add("child result " + v)));
        });
        assertEquals(List.of("child swallowed", "parent cancelled", "child result child value"), log);
    }

    @Test
    void pendingTasksCountsSuspendedCoroutinesOnly() {
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            assertEquals(0, loop.pendingTasks());
            coro(s -> s.ret(() -> 1));
            assertEquals(0, loop.pendingTasks());
            Task<Object> a = coro(s -> s.await(() -> Coro.sleep(ofSeconds(1))));
            Task<Object> b = coro(s -> s.await(() -> Coro.sleep(ofSeconds(2))));
            assertEquals(2, loop.pendingTasks());
            return coro(s -> s.await(a).run(() -> assertEquals(2, loop.pendingTasks(), "b and this one"))
                    .await(b).run(() -> assertEquals(1, loop.pendingTasks(), "this one, until it completes")));
        });
    }

    @Test
    void resumeRethrowsTheOriginalFailureOfTheAwaitedTask() {
        IOException boom = new IOException("original");
        Throwable[] caught = new Throwable[1];
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            Task<Object> t = coro(s -> s.tryCatch(IOException.class, b -> b.await(p),
                    h -> h.with(c -> caught[0] = c.caught())));
            EventLoop.current().callSoon(() -> p.fail(boom));
            return t;
        });
        assertSame(boom, caught[0]);
    }
}
