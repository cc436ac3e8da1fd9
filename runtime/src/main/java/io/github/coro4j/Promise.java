package io.github.coro4j;

/**
 * A task completed by hand, like asyncio's Future: create it on a loop, hand it out, and call
 * {@link #complete} or {@link #fail} later on the same loop thread.
 *
 * <p>From another thread, complete it through the loop: {@code loop.execute(() -> promise.complete(v))}.
 *
 * @param <T> the type of the value
 */
public class Promise<T> extends Task<T> {
    private final EventLoop loop;

    /**
     * Creates a pending promise bound to the current loop.
     *
     * @throws IllegalStateException if there is no running event loop on this thread
     */
    public Promise() {
        this.loop = EventLoop.current();
    }

    Promise(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Completes the promise with {@code value}.
     *
     * @return false if it was already done (the value is then ignored)
     * @throws IllegalStateException if called off the loop thread
     */
    public final boolean complete(T value) {
        loop.checkThread("Promise.complete()");
        return finish(SUCCEEDED, value);
    }

    /**
     * Completes the promise with {@code failure}; awaiting it rethrows {@code failure} unchanged. A
     * {@link CancelledException} cancels it instead.
     *
     * @return false if it was already done
     * @throws IllegalStateException if called off the loop thread
     */
    public final boolean fail(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("failure must not be null");
        }
        loop.checkThread("Promise.fail()");
        return finish(failure instanceof CancelledException ? CANCELLED : FAILED, failure);
    }

    @Override
    final EventLoop loop() {
        return loop;
    }
}
