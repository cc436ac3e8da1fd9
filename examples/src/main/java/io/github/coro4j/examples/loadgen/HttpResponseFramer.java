package io.github.coro4j.examples.loadgen;

import java.nio.ByteBuffer;

/**
 * Frames HTTP/1.1 responses that carry Content-Length (as the example servers' do): finds the end of the head,
 * reads the length from it, then skips the body. A status other than 200 is an error.
 */
final class HttpResponseFramer implements ResponseFramer {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 8192;

    private int headBytes;
    private int lineLength;     // bytes of the current head line so far, CR excluded
    private int matched;        // how much of "content-length:" the current line starts with
    private long contentLength;
    private boolean inLength;
    private long bodyLeft = -1; // -1 while in the head
    private int statusDigits;
    private int status;
    private int lineNumber;

    @Override
    public boolean consume(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (bodyLeft >= 0) {
                int n = (int) Math.min(bodyLeft, in.remaining());
                in.position(in.position() + n);
                bodyLeft -= n;
                if (bodyLeft == 0) {
                    reset();
                    return true;
                }
                continue;
            }
            byte b = in.get();
            if (++headBytes > MAX_HEAD) {
                throw new IllegalStateException("response head over " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                if (lineLength == 0) {
                    endOfHead();
                    if (bodyLeft == 0) {
                        reset();
                        return true;
                    }
                } else {
                    lineNumber++;
                }
                lineLength = 0;
                matched = 0;
                inLength = false;
                continue;
            }
            if (b == '\r') {
                continue;
            }
            if (lineNumber == 0) {
                statusByte(b);
            } else {
                headerByte(b);
            }
            lineLength++;
        }
        return false;
    }

    private void statusByte(byte b) {
        // "HTTP/1.1 200 OK": the digits at 9, 10, 11
        if (lineLength >= 9 && lineLength <= 11) {
            status = status * 10 + (b - '0');
            statusDigits++;
        }
    }

    private void headerByte(byte b) {
        if (inLength) {
            if (b >= '0' && b <= '9') {
                contentLength = contentLength * 10 + (b - '0');
            }
        } else if (matched == lineLength && matched < CONTENT_LENGTH.length
                && (b | 0x20) == (CONTENT_LENGTH[matched] | 0x20)) {
            matched++;
            if (matched == CONTENT_LENGTH.length) {
                inLength = true;
                contentLength = 0;
            }
        }
    }

    private void endOfHead() {
        if (statusDigits != 3 || status != 200) {
            throw new IllegalStateException("HTTP status " + status);
        }
        bodyLeft = contentLength;
    }

    private void reset() {
        headBytes = 0;
        lineLength = 0;
        matched = 0;
        contentLength = 0;
        inLength = false;
        bodyLeft = -1;
        statusDigits = 0;
        status = 0;
        lineNumber = 0;
    }
}
