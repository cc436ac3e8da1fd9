package io.github.coro4j.examples.http;

/**
 * Bounds on what one HTTP/1.1 request may hold, so that a connection's memory stays bounded whatever the peer
 * sends.
 *
 * @param maxHeadBytes  bytes in the request line and headers together, line ends included; past it the request is
 *                      refused with 414 (while still in the request line) or 431 (in the headers)
 * @param maxHeaderCount header fields per request; past it, 431
 * @param maxBodyBytes  the largest Content-Length accepted; past it, 413
 */
public record HttpLimits(int maxHeadBytes, int maxHeaderCount, int maxBodyBytes) {
    /** 8 KiB of head, 64 header fields, 16 KiB of body. */
    public static final HttpLimits DEFAULT = new HttpLimits(8192, 64, 16384);

    /** Checks that every bound is positive. */
    public HttpLimits {
        if (maxHeadBytes < 16 || maxHeaderCount < 1 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("limits too small: " + maxHeadBytes + "/" + maxHeaderCount + "/"
                    + maxBodyBytes);
        }
    }

    /** The largest response the shared service writes for a request within these limits. */
    public int maxResponseBytes() {
        return maxBodyBytes + HttpResponseWriter.MAX_HEAD_BYTES;
    }
}
