package io.github.coro4j.examples.http;

import io.github.coro4j.examples.LoopbackServer;

/**
 * An HTTP/1.1 server that answers with {@link HelloService} through {@link HttpConnection}. The comparison's HTTP
 * scenarios run any implementation of this interface; the coroutine one plugs in through
 * {@code io.github.coro4j.examples.comparison.Implementations}.
 */
public interface HttpServerImpl extends LoopbackServer {
}
