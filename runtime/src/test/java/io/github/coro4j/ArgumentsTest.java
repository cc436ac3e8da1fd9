package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.*;

import io.github.coro4j.sync.BoundedQueue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments are rejected at the call, with a message that names the argument. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArgumentsTest {
    static final Duration NEGATIVE = Duration.ofMillis(-1);

    static void npe(String fragment, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertNotNull(e.getMessage(), "no message");
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    static void iae(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    @Test
    void staticEntryPointsRejectNull() {
        npe("main must not be null", () -> EventLoop.run(null));
        npe("main must not be null", () -> TestEventLoop.run(null));
        npe("threadName must not be null", () -> EventLoop.startThread(null));
        npe("failure must not be null", () -> Task.failed(null));
        npe("await() was given a null task", () -> Coro.await(null));
        npe("exceptionType must not be null", () -> Coro.await(Task.completed(1), null));
    }

    @Test
    void loopMethodsRejectNullAndNegativeDurations() {
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            npe("callback must not be null", () -> loop.callSoon(null));
            npe("callback must not be null", () -> loop.execute(null));
            npe("delay must not be null", () -> loop.callLater(null, () -> { }));
            npe("callback must not be null", () -> loop.callLater(Duration.ZERO, null));
            iae("delay must not be negative: PT-0.001S", () -> loop.callLater(NEGATIVE, () -> { }));
            npe("work must not be null", () -> loop.submit(null));
            npe("work must not be null", () -> loop.runInExecutor(null));
            npe("executor must not be null", () -> loop.runInExecutor(null, () -> 1));
            npe("channel must not be null", () -> loop.deregister(null));
            return Task.completed(null);
        });
    }

    @Test
    void coroHelpersRejectNullAndNegativeDurations() {
        TestEventLoop.run(() -> {
            npe("duration must not be null", () -> Coro.sleep(null));
            iae("duration must not be negative", () -> Coro.sleep(NEGATIVE));
            npe("timeout must not be null", () -> Coro.withTimeout(null, Task.completed(1)));
            npe("task must not be null", () -> Coro.withTimeout(Duration.ofSeconds(1), null));
            iae("timeout must not be negative", () -> Coro.withTimeout(NEGATIVE, Task.completed(1)));
            npe("task must not be null", () -> Coro.shield(null));
            npe("work must not be null", () -> Coro.toThread(null));
            npe("tasks must not be null", () -> Coro.all((List<Task<Object>>) null));
            npe("tasks must not be null", () -> Coro.any((List<Task<Object>>) null));
            npe("tasks must not be null", () -> Coro.race((List<Task<Object>>) null));
            npe("tasks must not contain null", () -> Coro.all(Arrays.asList(Task.completed(1), null)));
            npe("tasks must not contain null", () -> Coro.race(Arrays.asList(Task.completed(1), null)));
            iae("no tasks given", () -> Coro.any(List.of()));
            return Task.completed(null);
        });
    }

    @Test
    void tasksAndPrimitivesRejectNull() {
        TestEventLoop.run(() -> {
            npe("stage must not be null", () -> Task.from(null));
            npe("callback must not be null", () -> Task.completed(1).onComplete(null));
            npe("failure must not be null", () -> new Promise<String>().fail(null));
            npe("task must not be null", () -> new TaskGroup().spawn(null));
            npe("item must not be null", () -> new BoundedQueue<String>(1).put(null));
            npe("item must not be null", () -> new BoundedQueue<String>(1).offer(null));
            return Task.completed(null);
        });
    }

    @Test
    void aNullAwaitInsideACoroutineFailsTheCoroutine() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> TestEventLoop.run(() -> Support.coro(s -> s.await(() -> null))));
        assertTrue(e.getMessage().contains("await() was given a null task"), e.getMessage());
    }

    @Test
    void awaitingATaskOfAnotherLoopIsRejectedWithAHint() throws Exception {
        try (EventLoop other = EventLoop.startThread("other-loop")) {
            Promise<String> foreign = other.submit(() -> Task.completed(new Promise<String>())).get(10,
                    TimeUnit.SECONDS);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TestEventLoop.run(() -> Support.coro(s -> s.await(foreign))));
            assertTrue(e.getMessage().contains("belongs to another event loop"), e.getMessage());
            TestEventLoop.run(() -> {
                iae("belongs to another event loop", () -> Coro.all(foreign));
                iae("belongs to another event loop", () -> Coro.shield(foreign));
                iae("belongs to another event loop", () -> Coro.withTimeout(Duration.ofSeconds(1), foreign));
                iae("belongs to another event loop", () -> new TaskGroup().spawn(foreign));
                return Task.completed(null);
            });
        }
    }
}
