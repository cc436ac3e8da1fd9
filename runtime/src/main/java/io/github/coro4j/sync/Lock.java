package io.github.coro4j.sync;

import io.github.coro4j.Promise;
import io.github.coro4j.Task;

/**
 * A mutual-exclusion lock for tasks of one event loop, like asyncio's Lock. Fair: the lock is handed to the
 * waiters in the order they asked. Not reentrant.
 * <pre>{@code
 * await(lock.acquire());
 * try { ... } finally { lock.release(); }
 * }</pre>
 * Between two awaits a coroutine already runs alone, so a lock is only needed to keep a section that awaits
 * exclusive. If a waiter's task is cancelled before it is granted the lock, it gives up its place; if it is
 * cancelled after, it gets the lock and its {@link io.github.coro4j.CancelledException} at its next await,
 * inside the try block, so the finally still releases.
 */
public final class Lock {
    private static final Task<Void> GRANTED = Task.completed(null);

    private final LoopBound bound = new LoopBound();
    private final Waiters<Promise<Void>> waiters = new Waiters<>();
    private boolean locked;

    /** Creates an unlocked lock; it binds to the loop of its first use. */
    public Lock() {}

    /** A task that completes once the caller holds the lock; already complete if it was free. */
    public Task<Void> acquire() {
        bound.check(this);
        if (!locked && !waiters.hasLive()) {
            locked = true;
            return GRANTED;
        }
        Promise<Void> p = new Promise<>();
        waiters.add(p);
        return p;
    }

    /** Takes the lock if it is free and nobody waits; never waits. */
    public boolean tryAcquire() {
        bound.check(this);
        if (!locked && !waiters.hasLive()) {
            locked = true;
            return true;
        }
        return false;
    }

    /**
     * Releases the lock, handing it to the first waiter if there is one.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        bound.check(this);
        if (!locked) {
            throw new IllegalStateException("release() of a lock that is not locked");
        }
        Promise<Void> next = waiters.pollLive();
        if (next == null) {
            locked = false;
        } else {
            next.complete(null); // ownership passes directly: the lock stays locked
        }
    }

    /** Whether some task holds the lock. */
    public boolean isLocked() {
        return locked;
    }
}
