package io.github.coro4j;

/** A handle to scheduled work that may still be cancelled, returned by {@link EventLoop#callLater}. */
public interface Cancellable {
    /**
     * Cancels the work if it has not run yet. Safe to call from any thread, and more than once.
     *
     * @return true if this call cancelled it; false if it had already run or been cancelled
     */
    boolean cancel();

    /** Whether {@link #cancel()} succeeded at some point. */
    boolean isCancelled();
}
