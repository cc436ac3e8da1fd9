package io.github.coro4j;

/**
 * The failure of a task returned by {@link Coro#withTimeout}, when the deadline passed before the wrapped
 * task completed. Unchecked, so a coroutine can catch it at the await without declaring anything.
 */
public class TaskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public TaskTimeoutException(String message) {
        super(message);
    }
}
