package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Synchronous completions and chains of resumptions must not grow the stack. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StackDepthTest {
    /** A small stack, so that any recursion per await would overflow quickly. */
    private static final long STACK = 256 * 1024;

    /** Runs {@code body} on a thread with a small stack and returns its result or rethrows its failure. */
    static <T> T onSmallStack(java.util.function.Supplier<T> body) throws Throwable {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                value.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", STACK);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }

    /** Awaits {@code n} tasks made by {@code make}, summing their values; the generated loop shape. */
    static final class AwaitMany extends StateMachine<Long> {
        final int n;
        final java.util.function.IntFunction<Task<Integer>> make;
        long sum;
        int i;

        AwaitMany(int n, java.util.function.IntFunction<Task<Integer>> make) {
            this.n = n;
            this.make = make;
        }

        @Override
        protected Object step() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                    case 1:
                        if (i >= n) {
                            return sum;
                        }
                        if (suspend(make.apply(i), 2)) {
                            return SUSPENDED;
                        }
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

    /** Returns its argument at once: a coroutine that completes synchronously. */
    static final class Identity extends StateMachine<Integer> {
        final int v;

        Identity(int v) {
            this.v = v;
        }

        @Override
        protected Object step() {
            return v;
        }
    }

    @Test
    void aMillionAwaitsOfCompletedTasksOnASmallStack() throws Throwable {
        long sum = onSmallStack(() -> EventLoop.run(() -> new AwaitMany(1_000_000, Task::completed).start()));
        assertEquals(499_999_500_000L, sum);
    }

    @Test
    void aMillionAwaitsOfSynchronouslyCompletedCoroutinesOnASmallStack() throws Throwable {
        long sum = onSmallStack(() -> EventLoop.run(() -> new AwaitMany(1_000_000, i -> new Identity(i).start())
                .start()));
        assertEquals(499_999_500_000L, sum);
    }

    @Test
    void aLongChainOfCoroutinesEachAwaitingTheNextResumesWithoutRecursion() throws Throwable {
        int depth = 100_000;
        long v = onSmallStack(() -> TestEventLoop.run(() -> {
            Promise<Integer> root = new Promise<>();
            Task<Long> t = new AwaitMany(1, i -> root).start();
            for (int k = 1; k < depth; k++) {
                t = chain(t);
            }
            EventLoop.current().callSoon(() -> root.complete(5));
            return t;
        }));
        assertEquals(5L, v);
    }

    /** A coroutine that awaits {@code previous} and returns its value. (Not "prev": StateMachine has a field of that name.) */
    static Task<Long> chain(Task<Long> previous) {
        return new StateMachine<Long>() {
            @Override
            protected Object step() {
                switch (state) {
                    case 0:
                        if (suspend(previous, 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        return this.<Long>resume();
                    default:
                        throw new IllegalStateException();
                }
            }
        }.start();
    }
}
