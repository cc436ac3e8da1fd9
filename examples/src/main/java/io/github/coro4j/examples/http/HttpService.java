package io.github.coro4j.examples.http;

import java.nio.ByteBuffer;

/**
 * What a server does with a parsed request: writes exactly one response into {@code out}, which has at least
 * {@link HttpLimits#maxResponseBytes()} bytes free. Called on the connection's thread or loop; must not block.
 */
@FunctionalInterface
public interface HttpService {
    /**
     * @param close whether the server closes the connection after this response; the response must then
     *              carry {@code Connection: close}
     */
    void respond(HttpRequest request, ByteBuffer out, boolean close);
}
