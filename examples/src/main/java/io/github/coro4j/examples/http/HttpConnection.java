package io.github.coro4j.examples.http;

import java.nio.ByteBuffer;

/**
 * The HTTP/1.1 protocol of one connection without any I/O (sans-I/O): feed it what was read, write out what it
 * produced. Every server variant (virtual threads, Netty, coroutines) drives this same class, so they parse and
 * answer identically.
 *
 * <pre>{@code
 * HttpConnection http = new HttpConnection(new HelloService(), HttpLimits.DEFAULT);
 * ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());
 * // after each read into `in` (flipped for reading):
 * Progress p;
 * do {
 *     p = http.process(in, out);
 *     // write out's contents (flip, write all, clear) if p != NEED_INPUT or !in.hasRemaining()
 * } while (p == Progress.FLUSH_AND_CALL_AGAIN);
 * // CLOSE_AFTER_FLUSH: write what is left, then close
 * }</pre>
 */
public final class HttpConnection {
    /** What the caller does next. */
    public enum Progress {
        /** All input is consumed: write out any responses, then read more. */
        NEED_INPUT,
        /** The output buffer is nearly full: write it out, then call again with the same input. */
        FLUSH_AND_CALL_AGAIN,
        /** Write out the responses, then close: the last response said {@code Connection: close}. */
        CLOSE_AFTER_FLUSH
    }

    private final HttpService service;
    private final HttpLimits limits;
    private final HttpRequestParser parser;
    private boolean closing;
    private long requests;

    /** A connection that answers with {@code service}. */
    public HttpConnection(HttpService service, HttpLimits limits) {
        this.service = service;
        this.limits = limits;
        this.parser = new HttpRequestParser(limits);
    }

    /** The capacity the output buffer needs: room for a few small pipelined responses, and for the largest one. */
    public int outputCapacity() {
        return Math.max(limits.maxResponseBytes(), 16 * 1024);
    }

    /** How many requests this connection has answered. */
    public long requests() {
        return requests;
    }

    /** Parses requests from {@code in} and appends their responses to {@code out}; see {@link Progress}. */
    public Progress process(ByteBuffer in, ByteBuffer out) {
        while (!closing) {
            if (out.remaining() < limits.maxResponseBytes()) {
                return Progress.FLUSH_AND_CALL_AGAIN;
            }
            switch (parser.parse(in)) {
                case NEED_MORE:
                    return Progress.NEED_INPUT;
                case ERROR:
                    HttpResponseWriter.writeError(out, parser.errorStatus());
                    closing = true;
                    break;
                case COMPLETE:
                    HttpRequest request = parser.request();
                    boolean close = !request.keepAlive();
                    int mark = out.position();
                    try {
                        service.respond(request, out, close);
                    } catch (RuntimeException e) {
                        out.position(mark); // drop a half-written response
                        HttpResponseWriter.writeError(out, 500);
                        close = true;
                    }
                    requests++;
                    parser.reset();
                    closing = close;
                    break;
                default:
                    throw new AssertionError();
            }
        }
        in.position(in.limit()); // nothing after a closing response is read
        return Progress.CLOSE_AFTER_FLUSH;
    }
}
