package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** all, any, race. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CombinatorsTest {

    static Task<Object> after(int seconds, Object value) {
        return coro(s -> s.await(() -> Coro.sleep(ofSeconds(seconds))).ret(() -> value));
    }

    static Task<Object> failAfter(int seconds, Throwable failure) {
        return coro(s -> s.await(() -> Coro.sleep(ofSeconds(seconds))).fail(() -> failure));
    }

    @Test
    void allCollectsTheValuesInArgumentOrder() {
        List<Object> v = TestEventLoop.run(() -> Coro.all(after(3, "a"), after(1, "b"), Task.completed("c"),
                after(2, "d")));
        assertEquals(List.of("a", "b", "c", "d"), v);
    }

    @Test
    void allOfNothingIsAnEmptyList() {
        List<Object> v = TestEventLoop.run(() -> Coro.all(List.of()));
        assertEquals(List.of(), v);
    }

    @Test
    void allFailsWithTheFirstFailureAndCancelsTheOthers() {
        IOException boom = new IOException("boom");
        Task<?>[] tasks = new Task<?>[3];
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            tasks[0] = after(5, "slow");
            tasks[1] = failAfter(1, boom);
            tasks[2] = after(10, "slower");
            Task<List<Object>> all = Coro.all(List.of(tasks[0], tasks[1], tasks[2]).stream()
                    .map(t -> (Task<Object>) t).toList());
            return coro(s -> s.tryCatch(IOException.class, b -> b.await(all),
                    h -> h.with(c -> log.add("caught same: " + (c.caught() == boom) + " at "
                            + EventLoop.current().time() / 1_000_000_000))));
        });
        assertEquals(List.of("caught same: true at 1"), log);
        assertTrue(tasks[0].isCancelled());
        assertTrue(tasks[2].isCancelled());
    }

    @Test
    void allWithTheSameTaskTwiceCompletes() {
        List<Object> v = TestEventLoop.run(() -> {
            Task<Object> a = after(1, "a");
            Task<Object> b = after(2, "b");
            return Coro.all(a, a, b);
        });
        assertEquals(List.of("a", "a", "b"), v);
    }

    @Test
    void allWithACompletedTaskTwiceCompletes() {
        List<Object> v = TestEventLoop.run(() -> {
            Task<Object> a = Task.completed("a");
            return Coro.all(a, a, after(1, "b"));
        });
        assertEquals(List.of("a", "a", "b"), v);
    }

    @Test
    void cancellingAllCancelsItsChildren() {
        Task<?>[] tasks = new Task<?>[3];
        TestEventLoop.run(() -> {
            tasks[0] = after(5, "a");
            tasks[1] = after(6, "b");
            Task<List<Object>> all = Coro.all(List.of((Task<Object>) tasks[0], (Task<Object>) tasks[1]));
            tasks[2] = all;
            all.cancel();
            return coro(s -> s.await(Coro::yieldNow));
        });
        for (Task<?> t : tasks) {
            assertTrue(t.isCancelled(), t.toString());
        }
    }

    @Test
    void anyTakesTheFirstSuccessAndCancelsTheRest() {
        Task<?>[] slow = new Task<?>[1];
        Object v = TestEventLoop.run(() -> {
            slow[0] = after(9, "slow");
            return Coro.any(failAfter(1, new IllegalStateException("x")), after(3, "three"),
                    (Task<Object>) slow[0]);
        });
        assertEquals("three", v);
        assertTrue(slow[0].isCancelled());
    }

    @Test
    void anyFailsWithTheFirstFailureWhenAllFailOthersSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        IOException second = new IOException("second");
        Throwable[] caught = new Throwable[1];
        TestEventLoop.run(() -> {
            Task<Object> any = Coro.any(failAfter(2, second), failAfter(1, first));
            return coro(s -> s.tryCatch(Throwable.class, b -> b.await(any), h -> h.with(c -> caught[0] = c.caught())));
        });
        assertSame(first, caught[0]);
        assertEquals(List.of(second), List.of(first.getSuppressed()));
    }

    @Test
    void raceTakesTheFirstToCompleteEvenAFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] caught = new Throwable[1];
        Task<?>[] other = new Task<?>[1];
        TestEventLoop.run(() -> {
            other[0] = after(3, "late");
            Task<Object> race = Coro.race(failAfter(1, boom), (Task<Object>) other[0]);
            return coro(s -> s.tryCatch(Throwable.class, b -> b.await(race), h -> h.with(c -> caught[0] = c.caught())));
        });
        assertSame(boom, caught[0]);
        assertTrue(other[0].isCancelled());
        Object v = TestEventLoop.run(() -> Coro.race(after(2, "two"), after(1, "one")));
        assertEquals("one", v);
    }

    @Test
    void raceAndAnyOfADoneTaskAreDoneAtOnce() {
        TestEventLoop.run(() -> {
            Task<Object> pending = after(5, "p");
            Task<Object> r = Coro.race(pending, Task.completed("now"));
            assertEquals("now", r.result());
            assertTrue(pending.isCancelled() || !pending.isDone());
            Task<Object> a = Coro.any(Task.failed(new IllegalStateException()), Task.completed("ok"));
            assertEquals("ok", a.result());
            return coro(s -> s.await(Coro::yieldNow));
        });
    }

    @Test
    void anyAndRaceRejectNoTasks() {
        TestEventLoop.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coro.any(List.of()));
            assertTrue(e.getMessage().contains("no tasks"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Coro.race(List.of()));
            return Task.completed(null);
        });
    }
}
