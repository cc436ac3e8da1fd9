package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Structured concurrency: the first failure cancels the siblings, errors are collected, nothing outlives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskGroupTest {

    static Task<Object> worker(List<String> log, String name, int seconds, Throwable failure) {
        return coro(s -> s.tryFinally(
                b -> {
                    b.await(() -> Coro.sleep(ofSeconds(seconds))).run(() -> log.add(name + " done"));
                    if (failure != null) {
                        b.fail(() -> failure);
                    }
                },
                f -> f.run(() -> log.add(name + " finally at " + EventLoop.current().time() / 1_000_000_000))));
    }

    @Test
    void joinWaitsForEveryChild() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(worker(log, "a", 2, null));
            g.spawn(worker(log, "b", 1, null));
            assertEquals(2, g.size());
            return coro(s -> s.await(g.join()).run(() -> log.add("joined, size " + g.size())));
        });
        assertEquals(List.of("b done", "b finally at 1", "a done", "a finally at 2", "joined, size 0"), log);
    }

    @Test
    void theFirstFailureCancelsTheSiblingsAndIsRethrownAsIs() {
        List<String> log = Support.log();
        IOException boom = new IOException("boom");
        TaskGroup[] group = new TaskGroup[1];
        Task<?>[] kids = new Task<?>[3];
        TestEventLoop.run(() -> {
            TaskGroup g = group[0] = new TaskGroup();
            kids[0] = g.spawn(worker(log, "slow", 10, null));
            kids[1] = g.spawn(worker(log, "failing", 1, boom));
            kids[2] = g.spawn(worker(log, "slower", 20, null));
            return coro(s -> s.tryCatch(IOException.class, b -> b.await(g.join()),
                    h -> h.with(c -> log.add("join failed with boom: " + (c.caught() == boom)))));
        });
        assertEquals(List.of("failing done", "failing finally at 1", "slow finally at 1", "slower finally at 1",
                "join failed with boom: true"), log);
        assertEquals(List.of(boom), group[0].errors());
        assertTrue(kids[0].isCancelled());
        assertTrue(kids[1].isFailed());
        assertTrue(kids[2].isCancelled());
    }

    @Test
    void laterFailuresAreSuppressedOnTheFirst() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        List<String> log = Support.log();
        TaskGroup[] group = new TaskGroup[1];
        Throwable[] caught = new Throwable[1];
        TestEventLoop.run(() -> {
            TaskGroup g = group[0] = new TaskGroup();
            g.spawn(worker(log, "one", 1, first));
            // fails in its finally block while being cancelled
            g.spawn(coro(s -> s.tryFinally(b -> b.await(() -> Coro.sleep(ofSeconds(5))),
                    f -> f.fail(() -> second))));
            return coro(s -> s.tryCatch(Throwable.class, b -> b.await(g.join()), h -> h.with(c -> caught[0] = c.caught())));
        });
        assertSame(first, caught[0]);
        assertEquals(List.of(second), List.of(first.getSuppressed()));
        assertEquals(List.of(first, second), group[0].errors());
    }

    @Test
    void cancellingTheAwaiterOfJoinCancelsTheChildrenAndWaitsForThem() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(worker(log, "a", 10, null));
            g.spawn(worker(log, "b", 20, null));
            Task<Object> parent = coro(s -> s.tryCatch(CancelledException.class, b -> b.await(g.join()),
                    h -> h.run(() -> log.add("parent cancelled, size " + g.size()))));
            EventLoop.current().callLater(ofSeconds(3), parent::cancel);
            return parent;
        });
        assertEquals(List.of("a finally at 3", "b finally at 3", "parent cancelled, size 0"), log);
    }

    @Test
    void closeCancelsRunningChildrenAndRejectsNewOnes() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            TaskGroup g = new TaskGroup();
            Task<Object> a = g.spawn(worker(log, "a", 10, null));
            g.close();
            Task<Object> late = worker(log, "late", 10, null);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.spawn(late));
            assertTrue(e.getMessage().contains("accepts no new tasks"), e.getMessage());
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow)
                    .run(() -> log.add("a cancelled " + a.isCancelled() + ", late cancelled " + late.isCancelled())));
        });
        assertEquals(List.of("a finally at 0", "late finally at 0", "a cancelled true, late cancelled true"), log);
    }

    @Test
    void aChildSpawnedAfterAFailureIsCancelledAtOnce() {
        List<String> log = Support.log();
        IllegalStateException boom = new IllegalStateException("boom");
        TestEventLoop.run(() -> {
            TaskGroup g = new TaskGroup();
            g.spawn(Task.failed(boom));
            Task<Object> t = g.spawn(worker(log, "after", 5, null));
            return coro(s -> s.tryCatch(IllegalStateException.class, b -> b.await(g.join()),
                    h -> h.with(c -> log.add("join: " + c.caught().getMessage() + ", after cancelled "
                            + t.isCancelled()))));
        });
        assertEquals(List.of("after finally at 0", "join: boom, after cancelled true"), log);
    }

    @Test
    void anEmptyGroupJoinsAtOnceAndJoinIsTheSameTask() {
        TestEventLoop.run(() -> {
            TaskGroup g = new TaskGroup();
            Task<Void> j = g.join();
            assertTrue(j.isDone());
            assertSame(j, g.join());
            assertNull(j.result());
            return j;
        });
    }
}
