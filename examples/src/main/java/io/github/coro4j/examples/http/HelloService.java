package io.github.coro4j.examples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The service every HTTP server variant runs, so that the comparison measures the servers and not the handlers:
 * {@code GET /} (or HEAD) answers {@code Hello, World!}; {@code POST /echo} answers the request body; other
 * targets get 404, other methods on {@code /} get 405.
 */
public final class HelloService implements HttpService {
    /** The hello-world body. */
    public static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = "Not Found".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_ALLOWED = "Method Not Allowed".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void respond(HttpRequest request, ByteBuffer out, boolean close) {
        boolean head = request.isMethod("HEAD");
        if (request.targetIs("/")) {
            if (head || request.isMethod("GET")) {
                HttpResponseWriter.write(out, 200, HttpResponseWriter.TEXT_PLAIN, HELLO, 0, HELLO.length, close, head);
            } else {
                HttpResponseWriter.write(out, 405, HttpResponseWriter.TEXT_PLAIN, NOT_ALLOWED, 0, NOT_ALLOWED.length,
                        close, false);
            }
        } else if (request.targetIs("/echo") && request.isMethod("POST")) {
            HttpResponseWriter.write(out, 200, HttpResponseWriter.OCTET_STREAM, request.bodyArray(), 0,
                    request.bodyLength(), close, false);
        } else {
            HttpResponseWriter.write(out, 404, HttpResponseWriter.TEXT_PLAIN, NOT_FOUND, 0, NOT_FOUND.length, close,
                    head);
        }
    }
}
