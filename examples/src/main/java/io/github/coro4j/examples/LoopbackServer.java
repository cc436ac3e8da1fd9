package io.github.coro4j.examples;

import java.io.IOException;

/**
 * A server that listens on 127.0.0.1, started and stopped from code. Every server variant of the examples
 * (coroutines, virtual threads, Netty, hand-written NIO) implements it, so tests and the comparison drive them
 * all the same way.
 */
public interface LoopbackServer {
    /**
     * Binds 127.0.0.1 and starts serving; returns at once.
     *
     * @param port the port, or 0 for an ephemeral one
     * @return the port it listens on
     */
    int start(int port) throws IOException;

    /** Stops accepting, closes every connection, and releases threads; idempotent. */
    void stop();

    /** The variant's name for progress lines and tables, such as {@code "virtual threads"}. */
    String name();
}
