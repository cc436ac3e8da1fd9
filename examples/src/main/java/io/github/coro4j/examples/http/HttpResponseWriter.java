package io.github.coro4j.examples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP/1.1 responses into a {@link ByteBuffer} from pre-encoded pieces: no strings or temporary arrays per
 * response. Every response carries Content-Length, and {@code Connection: close} when the server closes after it.
 */
public final class HttpResponseWriter {
    /** The most bytes a response head written here takes (status line, headers, blank line). */
    public static final int MAX_HEAD_BYTES = 256;
    /** {@code text/plain; charset=utf-8}, pre-encoded. */
    public static final byte[] TEXT_PLAIN = ascii("text/plain; charset=utf-8");
    /** {@code application/octet-stream}, pre-encoded. */
    public static final byte[] OCTET_STREAM = ascii("application/octet-stream");

    private static final byte[][] STATUS_LINES = new byte[600][];
    private static final byte[] SERVER = ascii("Server: coro4j-examples\r\n");
    private static final byte[] CONTENT_TYPE = ascii("Content-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] ALLOW_GET_HEAD = ascii("Allow: GET, HEAD\r\n");
    private static final byte[] CRLF = ascii("\r\n");

    static {
        status(200, "OK");
        status(400, "Bad Request");
        status(404, "Not Found");
        status(405, "Method Not Allowed");
        status(413, "Content Too Large");
        status(414, "URI Too Long");
        status(431, "Request Header Fields Too Large");
        status(500, "Internal Server Error");
        status(501, "Not Implemented");
        status(505, "HTTP Version Not Supported");
    }

    private HttpResponseWriter() {
    }

    /**
     * Writes a response with a body.
     *
     * @param headOnly for HEAD requests: the headers say the body's length, the body is not sent
     * @throws java.nio.BufferOverflowException if {@code out} lacks room: keep
     *     {@link HttpLimits#maxResponseBytes()} free
     */
    public static void write(ByteBuffer out, int status, byte[] contentType, byte[] body, int offset, int length,
            boolean close, boolean headOnly) {
        out.put(statusLine(status));
        out.put(SERVER);
        if (status == 405) {
            out.put(ALLOW_GET_HEAD);
        }
        out.put(CONTENT_TYPE).put(contentType).put(CRLF);
        out.put(CONTENT_LENGTH);
        putDecimal(out, length);
        out.put(CRLF);
        if (close) {
            out.put(CLOSE);
        }
        out.put(CRLF);
        if (!headOnly) {
            out.put(body, offset, length);
        }
    }

    /** Writes an error response whose body is the status line's reason, with {@code Connection: close}. */
    public static void writeError(ByteBuffer out, int status) {
        byte[] line = statusLine(status);
        // the reason phrase: after "HTTP/1.1 NNN " and before CRLF
        write(out, status, TEXT_PLAIN, line, 13, line.length - 15, true, false);
    }

    /** The encoded status line for {@code status}, such as {@code HTTP/1.1 200 OK\r\n}. */
    static byte[] statusLine(int status) {
        byte[] line = status >= 0 && status < STATUS_LINES.length ? STATUS_LINES[status] : null;
        if (line == null) {
            throw new IllegalArgumentException("no reason phrase known for status " + status);
        }
        return line;
    }

    private static void putDecimal(ByteBuffer out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative length " + value);
        }
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        int end = out.position() + digits;
        for (int i = end - 1; i >= end - digits; i--) {
            out.put(i, (byte) ('0' + value % 10));
            value /= 10;
        }
        out.position(end);
    }

    private static void status(int code, String reason) {
        STATUS_LINES[code] = ascii("HTTP/1.1 " + code + " " + reason + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
