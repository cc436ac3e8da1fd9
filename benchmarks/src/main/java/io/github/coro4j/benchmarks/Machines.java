package io.github.coro4j.benchmarks;

import io.github.coro4j.Coro;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;

/**
 * Hand-written state machines in exactly the shape the processor generates (see StateMachine's javadoc):
 * {@code for (;;) switch (state) { case 0: ...; if (suspend(t, 1)) return SUSPENDED; case 1: x = resume(); ... }}.
 * A loop in the body is a label at its head and {@code state = head; continue;} at its end.
 */
final class Machines {
    private Machines() {}

    /** The token handed back and forth by the ping-pong pair. */
    static final Object TOKEN = new Object();
    static final Object STOP = new Object();

    // ------------------------------------------------------------------ trivial coroutines

    /** {@code @Coroutine void trivial() {}}: completes synchronously in start(). */
    static final class Trivial extends StateMachine<Void> {
        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        return null;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /** {@code @Coroutine void yieldOnce() { await(yieldNow()); }}: suspends once, resumes on the next turn. */
    static final class YieldOnce extends StateMachine<Void> {
        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(Coro.yieldNow(), 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        resume();
                        return null;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /** {@code @Coroutine <T> T park(Task<T> t) { return await(t); }}: suspends on the given task. */
    static final class Parked<T> extends StateMachine<T> {
        private final Task<T> on;

        Parked(Task<T> on) {
            this.on = on;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(on, 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        return resume();
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /** The promise {@link ParkedOnShared} waits on; set before starting them. */
    static Task<?> shared;

    /** {@code @Coroutine void parkOnShared() { await(shared); }}: no fields of its own (nothing to hoist). */
    static final class ParkedOnShared extends StateMachine<Void> {
        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(shared, 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        resume();
                        return null;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    // ------------------------------------------------------------------ spawn drivers

    /**
     * <pre>{@code
     * @Coroutine int spawnSync(int n) {
     *     int count = 0;
     *     for (int i = 0; i < n; i++) { await(trivial()); count++; }
     *     return count;
     * }}</pre>
     */
    static final class SpawnSync extends StateMachine<Integer> {
        private final int n;
        private int i;
        private int count;

        SpawnSync(int n) {
            this.n = n;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        count = 0;
                    case 1: // loop head
                        if (i >= n) {
                            return count;
                        }
                        if (suspend(new Trivial().start(), 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        resume();
                        count++;
                        i++;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /**
     * Like {@link #SpawnYieldChunked} with {@code trivial()}: {@code chunk} coroutines that complete synchronously
     * are kept in an array (so the task objects really exist on the heap), then awaited.
     */
    static final class SpawnSyncChunked extends StateMachine<Integer> {
        private final int n;
        private final Task<?>[] kids;
        private int i;
        private int j;
        private int count;

        SpawnSyncChunked(int n, int chunk) {
            this.n = n;
            this.kids = new Task<?>[chunk];
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        count = 0;
                    case 1: // outer loop head
                        if (i >= n) {
                            return count;
                        }
                        for (int k = 0; k < kids.length; k++) {
                            kids[k] = new Trivial().start();
                        }
                        j = 0;
                    case 2: // inner loop head
                        if (j >= kids.length) {
                            i += kids.length;
                            state = 1;
                            continue;
                        }
                        if (suspend(kids[j], 3)) {
                            return SUSPENDED;
                        }
                    case 3:
                        resume();
                        kids[j] = null;
                        j++;
                        count++;
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /** Like {@link SpawnSync} with {@code await(yieldOnce())}: spawn, suspend once, complete, join, one by one. */
    static final class SpawnYieldSequential extends StateMachine<Integer> {
        private final int n;
        private int i;
        private int count;

        SpawnYieldSequential(int n) {
            this.n = n;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        count = 0;
                    case 1:
                        if (i >= n) {
                            return count;
                        }
                        if (suspend(new YieldOnce().start(), 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        resume();
                        count++;
                        i++;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine int spawnChunked(int n, int chunk) {
     *     for (int i = 0; i < n; i += chunk) {
     *         for (int j = 0; j < chunk; j++) kids[j] = yieldOnce();
     *         for (int j = 0; j < chunk; j++) { await(kids[j]); kids[j] = null; count++; }
     *     }
     *     return count;
     * }}</pre>
     */
    static final class SpawnYieldChunked extends StateMachine<Integer> {
        private final int n;
        private final Task<?>[] kids;
        private int i;
        private int j;
        private int count;

        SpawnYieldChunked(int n, int chunk) {
            this.n = n;
            this.kids = new Task<?>[chunk];
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        count = 0;
                    case 1: // outer loop head
                        if (i >= n) {
                            return count;
                        }
                        for (int k = 0; k < kids.length; k++) {
                            kids[k] = new YieldOnce().start();
                        }
                        j = 0;
                    case 2: // inner loop head
                        if (j >= kids.length) {
                            i += kids.length;
                            state = 1;
                            continue;
                        }
                        if (suspend(kids[j], 3)) {
                            return SUSPENDED;
                        }
                    case 3:
                        resume();
                        kids[j] = null;
                        j++;
                        count++;
                        state = 2;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    // ------------------------------------------------------------------ ping-pong

    /** Where each side leaves the promise it waits on. */
    static final class Exchange {
        Promise<Object> toPing;
        Promise<Object> toPong;
    }

    /**
     * <pre>{@code
     * @Coroutine int pong(Exchange ex) {
     *     int n = 0;
     *     for (;;) {
     *         ex.toPong = new Promise<>();
     *         if (await(ex.toPong) == STOP) return n;
     *         n++;
     *         ex.toPing.complete(TOKEN);
     *     }
     * }}</pre>
     * (the completion of the other side's promise is moved before this side's await, which is the same thing
     * since completing only queues the other side.)
     */
    static final class Pong extends StateMachine<Integer> {
        private final Exchange ex;
        private int n;

        Pong(Exchange ex) {
            this.ex = ex;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        n = 0;
                    case 1: // loop head
                        ex.toPong = new Promise<>();
                        if (suspend(ex.toPong, 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        if (resume() == STOP) {
                            return n;
                        }
                        n++;
                        ex.toPing.complete(TOKEN);
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine int ping(Exchange ex, int rounds) {
     *     for (int i = 0; i < rounds; i++) {
     *         ex.toPing = new Promise<>();
     *         ex.toPong.complete(TOKEN);
     *         await(ex.toPing);
     *     }
     *     ex.toPong.complete(STOP);
     *     return rounds;
     * }}</pre>
     */
    static final class Ping extends StateMachine<Integer> {
        private final Exchange ex;
        private final int rounds;
        private int i;

        Ping(Exchange ex, int rounds) {
            this.ex = ex;
            this.rounds = rounds;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                    case 1: // loop head
                        if (i >= rounds) {
                            ex.toPong.complete(STOP);
                            return rounds;
                        }
                        ex.toPing = new Promise<>();
                        ex.toPong.complete(TOKEN);
                        if (suspend(ex.toPing, 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        resume();
                        i++;
                        state = 1;
                        continue;
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Coroutine int pingPong(int rounds) {
     *     Exchange ex = new Exchange();
     *     Task<Integer> pong = pong(ex);          // suspends at once on its first promise
     *     Task<Integer> ping = ping(ex, rounds);
     *     return await(ping) + await(pong);
     * }}</pre>
     */
    static final class PingPong extends StateMachine<Integer> {
        private final int rounds;
        private Task<Integer> ping;
        private Task<Integer> pong;
        private int sum;

        PingPong(int rounds) {
            this.rounds = rounds;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        Exchange ex = new Exchange();
                        pong = new Pong(ex).start();
                        ping = new Ping(ex, rounds).start();
                        if (suspend(ping, 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        sum = this.<Integer>resume();
                        if (suspend(pong, 2)) {
                            return SUSPENDED;
                        }
                    case 2:
                        return sum + this.<Integer>resume();
                    default:
                        throw new IllegalStateException("bad state " + state);
                }
            }
        }
    }
}
