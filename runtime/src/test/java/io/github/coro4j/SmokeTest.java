package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    /** Hand-written in the generated shape: sleeps, then adds. */
    static final class SleepThenAdd extends StateMachine<Integer> {
        final int a, b;
        SleepThenAdd(int a, int b) { this.a = a; this.b = b; }
        @Override protected Object step() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(Coro.sleep(Duration.ofMillis(5)), 1)) return SUSPENDED;
                    case 1:
                        resume();
                        return a + b;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    /** Awaits a million completed tasks: must not grow the stack. */
    static final class ManyCompleted extends StateMachine<Long> {
        long sum; int i;
        @Override protected Object step() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                    case 1:
                        if (i >= 1_000_000) return sum;
                        if (suspend(Task.completed(i), 2)) return SUSPENDED;
                    case 2:
                        sum += this.<Integer>resume();
                        i++;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void runsAHandWrittenStateMachine() {
        assertEquals(5, EventLoop.run(() -> new SleepThenAdd(2, 3).start()));
    }

    @Test
    void millionCompletedAwaits() {
        assertEquals(499_999_500_000L, EventLoop.run(() -> new ManyCompleted().start()));
    }

    @Test
    void virtualClockJumps() {
        long start = System.nanoTime();
        long[] elapsed = new long[1];
        TestEventLoop.run(() -> {
            long t0 = EventLoop.current().time();
            Task<Integer> t = new StateMachine<Integer>() {
                @Override protected Object step() throws Throwable {
                    switch (state) {
                        case 0:
                            if (suspend(Coro.sleep(Duration.ofHours(3)), 1)) return SUSPENDED;
                        case 1:
                            resume();
                            elapsed[0] = EventLoop.current().time() - t0;
                            return 1;
                        default: throw new IllegalStateException();
                    }
                }
            }.start();
            return t;
        });
        assertEquals(Duration.ofHours(3).toNanos(), elapsed[0]);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void factoryOffLoopFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SleepThenAdd(1, 2));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }

    @Test
    void cancelRunsFinally() {
        List<String> log = new ArrayList<>();
        Task<?> result = EventLoop.run(() -> {
            StateMachine<Void> sleeper = new StateMachine<Void>() {
                @Override protected Object step() throws Throwable {
                    switch (state) {
                        case 0:
                            try {
                                if (suspend(Coro.sleep(Duration.ofSeconds(100)), 1)) return SUSPENDED;
                            } catch (Throwable t) { throw t; }
                        case 1:
                            try { resume(); } finally { log.add("finally"); }
                            return null;
                        default: throw new IllegalStateException();
                    }
                }
            };
            sleeper.start();
            EventLoop.current().callLater(Duration.ofMillis(1), sleeper::cancel);
            Promise<Task<?>> p = new Promise<>();
            sleeper.onComplete(t -> p.complete(t));
            return p;
        });
        assertTrue(result.isCancelled());
        assertEquals(List.of("finally"), log);
    }
}
