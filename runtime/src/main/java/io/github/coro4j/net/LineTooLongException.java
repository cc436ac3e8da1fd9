package io.github.coro4j.net;

import java.io.IOException;

/**
 * A line or delimited record did not end within the length the caller allowed. An {@link IOException}, so
 * the usual {@code catch (IOException e)} around a read handles it; the connection should then be closed.
 */
public class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public LineTooLongException(String message) {
        super(message);
    }
}
