package io.github.coro4j;

import java.util.concurrent.CancellationException;

/**
 * Thrown at a suspension point of a coroutine whose task was cancelled, and by {@link Task#result()} of a
 * cancelled task. A coroutine may catch it to clean up; letting it escape marks the task cancelled.
 *
 * <p>It extends {@link CancellationException} so that code written for {@code CompletableFuture} treats
 * it as a cancellation.
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public CancelledException(String message) {
        super(message);
    }
}
