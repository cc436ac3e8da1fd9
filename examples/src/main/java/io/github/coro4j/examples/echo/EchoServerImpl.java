package io.github.coro4j.examples.echo;

import io.github.coro4j.examples.LoopbackServer;

/**
 * A TCP echo server: every byte received on a connection is sent back on it, in order. The comparison's echo
 * scenarios run any implementation of this interface; the coroutine one plugs in through
 * {@code io.github.coro4j.examples.comparison.Implementations}.
 */
public interface EchoServerImpl extends LoopbackServer {
}
