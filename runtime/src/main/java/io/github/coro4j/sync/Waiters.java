package io.github.coro4j.sync;

import io.github.coro4j.Promise;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A FIFO of waiting promises. A waiter that gave up (its promise was cancelled, e.g. by a timeout) is skipped
 * when reached, and dead entries are purged when the queue doubles, so repeated timeouts cannot grow it
 * without bound.
 */
final class Waiters<W> {
    interface HasPromise {
        Promise<?> promise();
    }

    private final ArrayDeque<W> queue = new ArrayDeque<>();
    private int purgeAt = 64;

    void add(W waiter) {
        if (queue.size() >= purgeAt) {
            purge();
            purgeAt = Math.max(64, queue.size() * 2);
        }
        queue.add(waiter);
    }

    /** The first waiter still waiting, removed from the queue; null if none. */
    W pollLive() {
        for (W w = queue.poll(); w != null; w = queue.poll()) {
            if (!promiseOf(w).isDone()) {
                return w;
            }
        }
        return null;
    }

    /** Whether some waiter is still waiting (drops dead ones at the head). */
    boolean hasLive() {
        while (!queue.isEmpty()) {
            if (!promiseOf(queue.peek()).isDone()) {
                return true;
            }
            queue.poll();
        }
        return false;
    }

    int sizeLive() {
        int n = 0;
        for (W w : queue) {
            if (!promiseOf(w).isDone()) {
                n++;
            }
        }
        return n;
    }

    private void purge() {
        for (Iterator<W> it = queue.iterator(); it.hasNext(); ) {
            if (promiseOf(it.next()).isDone()) {
                it.remove();
            }
        }
    }

    private static Promise<?> promiseOf(Object w) {
        return w instanceof Promise ? (Promise<?>) w : ((HasPromise) w).promise();
    }
}
