package io.github.coro4j.sync;

import io.github.coro4j.Promise;
import io.github.coro4j.Task;

/**
 * A counting semaphore for tasks of one event loop, like asyncio's Semaphore: {@link #acquire()} takes a
 * permit or waits for one, in FIFO order. Use it to bound concurrency:
 * <pre>{@code
 * await(limit.acquire());
 * try { ... } finally { limit.release(); }
 * }</pre>
 */
public final class Semaphore {
    private static final Task<Void> GRANTED = Task.completed(null);

    private final LoopBound bound = new LoopBound();
    private final Waiters<Promise<Void>> waiters = new Waiters<>();
    private int permits;

    /**
     * Creates a semaphore with {@code permits} permits.
     *
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = permits;
    }

    /** A task that completes once the caller holds a permit; already complete if one was free. */
    public Task<Void> acquire() {
        bound.check(this);
        if (permits > 0 && !waiters.hasLive()) {
            permits--;
            return GRANTED;
        }
        Promise<Void> p = new Promise<>();
        waiters.add(p);
        return p;
    }

    /** Takes a permit if one is free and nobody waits; never waits. */
    public boolean tryAcquire() {
        bound.check(this);
        if (permits > 0 && !waiters.hasLive()) {
            permits--;
            return true;
        }
        return false;
    }

    /** Returns a permit, handing it to the first waiter if there is one. */
    public void release() {
        bound.check(this);
        Promise<Void> next = waiters.pollLive();
        if (next == null) {
            permits++;
        } else {
            next.complete(null);
        }
    }

    /** The number of free permits. */
    public int availablePermits() {
        return permits;
    }

    /** The number of tasks waiting for a permit. */
    public int waiting() {
        return waiters.sizeLive();
    }
}
