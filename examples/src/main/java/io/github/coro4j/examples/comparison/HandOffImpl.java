package io.github.coro4j.examples.comparison;

/**
 * The hand-off scenario: two tasks wake each other in turn (ping-pong). The probe reports nanoseconds per
 * hand-off, that is the time of {@link #pingPong} divided by {@code 2 * rounds}.
 */
public interface HandOffImpl {
    /** Runs {@code rounds} round trips between two tasks and returns when both are done. */
    void pingPong(int rounds) throws Exception;
}
