package io.github.coro4j.sync;

import io.github.coro4j.Promise;
import io.github.coro4j.Task;

/**
 * A flag that tasks of one event loop can wait for, like asyncio's Event: {@link #set()} wakes every waiter,
 * and later waits complete at once until {@link #clear()}.
 */
public final class Event {
    private static final Task<Void> SET = Task.completed(null);

    private final LoopBound bound = new LoopBound();
    private final Waiters<Promise<Void>> waiters = new Waiters<>();
    private boolean set;

    /** Creates an event that is not set; it binds to the loop of its first use. */
    public Event() {}

    /** A task that completes when the event is set; already complete if it is. */
    public Task<Void> waitUntilSet() {
        bound.check(this);
        if (set) {
            return SET;
        }
        Promise<Void> p = new Promise<>();
        waiters.add(p);
        return p;
    }

    /** Sets the event and wakes every waiter, in the order they began to wait. */
    public void set() {
        bound.check(this);
        set = true;
        for (Promise<Void> p = waiters.pollLive(); p != null; p = waiters.pollLive()) {
            p.complete(null);
        }
    }

    /** Clears the event: later waits wait again. */
    public void clear() {
        bound.check(this);
        set = false;
    }

    /** Whether the event is set. */
    public boolean isSet() {
        return set;
    }
}
