package io.github.coro4j.examples.http;

import java.nio.charset.StandardCharsets;

/**
 * One parsed HTTP/1.1 request, a view over the parser's buffers: valid until the parser is
 * {@linkplain HttpRequestParser#reset() reset} for the next request. Strings are made only when asked for.
 */
public final class HttpRequest {
    private static final String[] COMMON_METHODS = {"GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH"};

    byte[] head;
    int methodEnd;
    int targetStart;
    int targetEnd;
    int minorVersion;
    int headerCount;
    int[] headerOffsets; // four ints per header: nameStart, nameEnd, valueStart, valueEnd
    long contentLength;
    boolean connectionClose;
    boolean connectionKeepAlive;
    byte[] body;
    private String method;
    private String target;

    HttpRequest() {
    }

    void clear() {
        method = null;
        target = null;
        headerCount = 0;
        contentLength = 0;
        connectionClose = false;
        connectionKeepAlive = false;
    }

    /** The method, such as {@code GET}; common methods are shared constants. */
    public String method() {
        if (method == null) {
            for (String m : COMMON_METHODS) {
                if (regionEquals(0, methodEnd, m, false)) {
                    return method = m;
                }
            }
            method = new String(head, 0, methodEnd, StandardCharsets.US_ASCII);
        }
        return method;
    }

    /** Whether the method is exactly {@code name}, without making a string. */
    public boolean isMethod(String name) {
        return method != null ? method.equals(name) : regionEquals(0, methodEnd, name, false);
    }

    /** The request target as sent, such as {@code /index.html?q=1}. */
    public String target() {
        if (target == null) {
            target = new String(head, targetStart, targetEnd - targetStart, StandardCharsets.US_ASCII);
        }
        return target;
    }

    /** Whether the target is exactly {@code path}, without making a string. */
    public boolean targetIs(String path) {
        return regionEquals(targetStart, targetEnd, path, false);
    }

    /** 1 for HTTP/1.1, 0 for HTTP/1.0. */
    public int minorVersion() {
        return minorVersion;
    }

    /** How many header fields the request has. */
    public int headerCount() {
        return headerCount;
    }

    /** The name of header field {@code i}, as sent. */
    public String headerName(int i) {
        return slice(headerOffsets[4 * i], headerOffsets[4 * i + 1]);
    }

    /** The value of header field {@code i}, without surrounding whitespace. */
    public String headerValue(int i) {
        return slice(headerOffsets[4 * i + 2], headerOffsets[4 * i + 3]);
    }

    /** The value of the first header field named {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (int i = 0; i < headerCount; i++) {
            if (regionEquals(headerOffsets[4 * i], headerOffsets[4 * i + 1], name, true)) {
                return headerValue(i);
            }
        }
        return null;
    }

    /** The body's length in bytes (0 when there is none). */
    public int bodyLength() {
        return (int) contentLength;
    }

    /** The body's bytes: the first {@link #bodyLength()} bytes of the returned array, which the parser reuses. */
    public byte[] bodyArray() {
        return body;
    }

    /** Whether the connection may carry another request after this one's response. */
    public boolean keepAlive() {
        if (connectionClose) {
            return false;
        }
        return minorVersion == 1 || connectionKeepAlive;
    }

    private String slice(int start, int end) {
        return new String(head, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private boolean regionEquals(int start, int end, String s, boolean ignoreCase) {
        if (end - start != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            int a = head[start + i] & 0xff;
            int b = s.charAt(i);
            if (a != b && !(ignoreCase && HttpChars.toLower(a) == HttpChars.toLower(b))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return method() + " " + target() + " HTTP/1." + minorVersion;
    }
}
