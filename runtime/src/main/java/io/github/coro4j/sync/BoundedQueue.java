package io.github.coro4j.sync;

import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A FIFO queue of bounded capacity between tasks of one event loop, like asyncio's Queue: {@link #put} waits
 * while the queue is full (backpressure) and {@link #take()} waits while it is empty. Waiting producers and
 * consumers are served in FIFO order. Null elements are not allowed.
 *
 * @param <T> the element type
 */
public final class BoundedQueue<T> {
    private static final Task<Void> DONE = Task.completed(null);

    private final LoopBound bound = new LoopBound();
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final Waiters<Promise<T>> takers = new Waiters<>();
    private final Waiters<Putter<T>> putters = new Waiters<>();

    /**
     * Creates a queue that holds at most {@code capacity} elements.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public BoundedQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A task that completes once {@code item} is in the queue (or handed to a waiting taker). */
    public Task<Void> put(T item) {
        Objects.requireNonNull(item, "item");
        bound.check(this);
        if (offerNow(item)) {
            return DONE;
        }
        Putter<T> putter = new Putter<>(item, new Promise<>());
        putters.add(putter);
        return putter.promise;
    }

    /** Adds {@code item} if there is room; never waits. */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        bound.check(this);
        return offerNow(item);
    }

    private boolean offerNow(T item) {
        Promise<T> taker = takers.pollLive();
        if (taker != null) {
            taker.complete(item);
            return true;
        }
        if (items.size() < capacity && !putters.hasLive()) {
            items.add(item);
            return true;
        }
        return false;
    }

    /** A task of the next element; it waits while the queue is empty. */
    public Task<T> take() {
        bound.check(this);
        T item = pollNow();
        if (item != null) {
            return Task.completed(item);
        }
        Promise<T> p = new Promise<>();
        takers.add(p);
        return p;
    }

    /** The next element, or null if the queue is empty; never waits. */
    public T poll() {
        bound.check(this);
        return pollNow();
    }

    private T pollNow() {
        T item = items.poll();
        if (item == null) {
            Putter<T> putter = putters.pollLive();
            if (putter != null) {
                putter.promise.complete(null);
                return putter.item;
            }
            return null;
        }
        // Room was made: the first waiting producer moves its element in.
        Putter<T> putter = putters.pollLive();
        if (putter != null) {
            items.add(putter.item);
            putter.promise.complete(null);
        }
        return item;
    }

    /** The number of elements in the queue. */
    public int size() {
        return items.size();
    }

    /** The most elements the queue holds. */
    public int capacity() {
        return capacity;
    }

    private static final class Putter<T> implements Waiters.HasPromise {
        final T item;
        final Promise<Void> promise;

        Putter(T item, Promise<Void> promise) {
            this.item = item;
            this.promise = promise;
        }

        @Override
        public Promise<?> promise() {
            return promise;
        }
    }
}
