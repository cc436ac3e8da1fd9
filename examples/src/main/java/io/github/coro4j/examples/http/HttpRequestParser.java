package io.github.coro4j.examples.http;

import java.nio.ByteBuffer;

/**
 * An incremental HTTP/1.1 request parser that works on whatever bytes have arrived: a request may be split
 * across reads at any byte, and one read may hold several pipelined requests.
 *
 * <p>{@link #parse(ByteBuffer)} consumes bytes from the buffer, copying the head and the body into buffers of its
 * own, allocated once and bounded by {@link HttpLimits}. It stops right after a complete request, leaving the
 * rest of the input (the next pipelined request) in the buffer; the caller handles {@link #request()}, calls
 * {@link #reset()}, and parses again. After {@link Result#ERROR} the connection is unusable: answer with
 * {@link #errorStatus()} and close it.
 *
 * <p>Accepted: {@code CRLF} line ends (a bare {@code LF} or {@code CR} is an error), empty lines before the request
 * line (skipped, RFC 9112 §2.2), HTTP/1.0 and HTTP/1.1, bodies framed by Content-Length. Refused: 400 for
 * malformed syntax, a missing or repeated Host in HTTP/1.1, conflicting or invalid Content-Length, folded header
 * lines; 414 for a request line over the head limit, 431 for headers over it or too many of them, 413 for a body
 * over the limit, 501 for Transfer-Encoding (chunked request bodies are not supported), 505 for other versions.
 */
public final class HttpRequestParser {
    /** What a call to {@link #parse} ended with. */
    public enum Result {
        /** All input consumed; the request is not complete yet. */
        NEED_MORE,
        /** A request is complete: see {@link #request()}; unconsumed input stays in the buffer. */
        COMPLETE,
        /** The input is not an acceptable request: see {@link #errorStatus()}. */
        ERROR
    }

    private static final int LINE = 0;
    private static final int LINE_CR = 1;
    private static final int BODY = 2;
    private static final int DONE = 3;
    private static final int FAILED = 4;

    private final HttpLimits limits;
    private final byte[] head;
    private final HttpRequest request = new HttpRequest();
    private int state;
    private int headLength;     // bytes stored in head (line contents, no line ends)
    private int headSeen;       // bytes of the head seen, line ends and skipped empty lines included
    private int lineStart;
    private boolean haveRequestLine;
    private int hostCount;
    private boolean transferEncoding;
    private boolean sawContentLength;
    private int bodyRead;
    private int errorStatus;

    /** A parser with the given limits. */
    public HttpRequestParser(HttpLimits limits) {
        this.limits = limits;
        this.head = new byte[limits.maxHeadBytes()];
        request.head = head;
        request.headerOffsets = new int[4 * limits.maxHeaderCount()];
        request.body = new byte[Math.min(limits.maxBodyBytes(), 1024)];
    }

    /** A parser with {@link HttpLimits#DEFAULT}. */
    public HttpRequestParser() {
        this(HttpLimits.DEFAULT);
    }

    /** The request after {@link Result#COMPLETE}; the same object is reused for every request. */
    public HttpRequest request() {
        return request;
    }

    /** The status to answer with after {@link Result#ERROR}. */
    public int errorStatus() {
        return errorStatus;
    }

    /** Forgets the completed request, ready for the next one. Not allowed after an error. */
    public void reset() {
        if (state == FAILED) {
            throw new IllegalStateException("the parser failed with " + errorStatus + "; close the connection");
        }
        state = LINE;
        headLength = 0;
        headSeen = 0;
        lineStart = 0;
        haveRequestLine = false;
        hostCount = 0;
        transferEncoding = false;
        sawContentLength = false;
        bodyRead = 0;
        request.clear();
    }

    /** Consumes input up to the end of one request; see the class comment. */
    public Result parse(ByteBuffer in) {
        while (true) {
            switch (state) {
                case DONE:
                    return Result.COMPLETE;
                case FAILED:
                    return Result.ERROR;
                case LINE:
                    if (!scanLine(in)) {
                        return state == FAILED ? Result.ERROR : Result.NEED_MORE;
                    }
                    break;
                case LINE_CR:
                    if (!in.hasRemaining()) {
                        return Result.NEED_MORE;
                    }
                    if (in.get() != '\n') {
                        fail(400);
                        break;
                    }
                    countHeadByte();
                    if (state != FAILED) {
                        endOfLine();
                    }
                    break;
                case BODY:
                    if (!readBody(in)) {
                        return Result.NEED_MORE;
                    }
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
    }

    /** Copies line bytes up to a CR; returns false when input ran out or the line is bad. */
    private boolean scanLine(ByteBuffer in) {
        int pos = in.position();
        int limit = in.limit();
        int max = head.length;
        while (pos < limit) {
            byte b = in.get(pos++);
            if (b == '\r') {
                in.position(pos);
                countHeadByte();
                if (state != FAILED) {
                    state = LINE_CR;
                }
                return state != FAILED;
            }
            if (HttpChars.isForbiddenControl(b)) {
                in.position(pos);
                return fail(400);
            }
            if (headSeen >= max) {
                in.position(pos);
                return fail(limitStatus());
            }
            headSeen++;
            head[headLength++] = b;
        }
        in.position(pos);
        return false;
    }

    private void countHeadByte() {
        if (headSeen >= head.length) {
            fail(limitStatus());
        } else {
            headSeen++;
        }
    }

    /** 431 in the headers, 414 in the request line, 400 for a flood of empty lines before it. */
    private int limitStatus() {
        return haveRequestLine ? 431 : headLength > 0 ? 414 : 400;
    }

    private void endOfLine() {
        int start = lineStart;
        int end = headLength;
        state = LINE;
        if (!haveRequestLine) {
            if (start == end) {
                return; // an empty line before the request line is skipped
            }
            haveRequestLine = true;
            parseRequestLine(start, end);
        } else if (start == end) {
            endOfHead();
        } else {
            parseHeaderLine(start, end);
        }
        lineStart = headLength;
    }

    private void parseRequestLine(int start, int end) {
        int i = start;
        while (i < end && HttpChars.isTokenChar(head[i])) {
            i++;
        }
        if (i == start || i == end || head[i] != ' ') {
            fail(400);
            return;
        }
        request.methodEnd = i;
        int targetStart = ++i;
        while (i < end && HttpChars.isTargetChar(head[i])) {
            i++;
        }
        if (i == targetStart || i == end || head[i] != ' ') {
            fail(400);
            return;
        }
        request.targetStart = targetStart;
        request.targetEnd = i;
        parseVersion(i + 1, end);
    }

    private void parseVersion(int start, int end) {
        if (end - start != 8 || head[start] != 'H' || head[start + 1] != 'T' || head[start + 2] != 'T'
                || head[start + 3] != 'P' || head[start + 4] != '/' || !isDigit(head[start + 5])
                || head[start + 6] != '.' || !isDigit(head[start + 7])) {
            fail(400);
        } else if (head[start + 5] != '1' || (head[start + 7] != '0' && head[start + 7] != '1')) {
            fail(505);
        } else {
            request.minorVersion = head[start + 7] - '0';
        }
    }

    private void parseHeaderLine(int start, int end) {
        int i = start;
        while (i < end && HttpChars.isTokenChar(head[i])) {
            i++;
        }
        if (i == start || i == end || head[i] != ':') {
            fail(400); // also a folded line (leading whitespace) and whitespace before the colon
            return;
        }
        int nameEnd = i++;
        while (i < end && isWhitespace(head[i])) {
            i++;
        }
        int valueEnd = end;
        while (valueEnd > i && isWhitespace(head[valueEnd - 1])) {
            valueEnd--;
        }
        int n = request.headerCount;
        if (n == limits.maxHeaderCount()) {
            fail(431);
            return;
        }
        int[] offsets = request.headerOffsets;
        offsets[4 * n] = start;
        offsets[4 * n + 1] = nameEnd;
        offsets[4 * n + 2] = i;
        offsets[4 * n + 3] = valueEnd;
        request.headerCount = n + 1;
        interpretHeader(start, nameEnd, i, valueEnd);
    }

    private void interpretHeader(int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (nameIs(nameStart, nameEnd, "content-length")) {
            long length = parseContentLength(valueStart, valueEnd);
            if (length < 0 || (sawContentLength && request.contentLength != length)) {
                fail(400);
            } else {
                request.contentLength = length;
                sawContentLength = true;
            }
        } else if (nameIs(nameStart, nameEnd, "host")) {
            hostCount++;
        } else if (nameIs(nameStart, nameEnd, "transfer-encoding")) {
            transferEncoding = true;
        } else if (nameIs(nameStart, nameEnd, "connection")) {
            interpretConnection(valueStart, valueEnd);
        }
    }

    private long parseContentLength(int start, int end) {
        if (start == end || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            if (!isDigit(head[i])) {
                return -1;
            }
            value = value * 10 + (head[i] - '0');
        }
        return value;
    }

    private void interpretConnection(int start, int end) {
        int i = start;
        while (i < end) {
            while (i < end && (head[i] == ',' || isWhitespace(head[i]))) {
                i++;
            }
            int tokenStart = i;
            while (i < end && head[i] != ',' && !isWhitespace(head[i])) {
                i++;
            }
            if (nameIs(tokenStart, i, "close")) {
                request.connectionClose = true;
            } else if (nameIs(tokenStart, i, "keep-alive")) {
                request.connectionKeepAlive = true;
            }
        }
    }

    private void endOfHead() {
        if (transferEncoding) {
            fail(501);
        } else if (request.minorVersion == 1 && hostCount != 1) {
            fail(400);
        } else if (request.contentLength > limits.maxBodyBytes()) {
            fail(413);
        } else if (request.contentLength > 0) {
            if (request.body.length < request.contentLength) {
                request.body = new byte[(int) Math.min(limits.maxBodyBytes(),
                        Math.max(request.contentLength, 2L * request.body.length))];
            }
            state = BODY;
        } else {
            state = DONE;
        }
    }

    private boolean readBody(ByteBuffer in) {
        int n = Math.min(in.remaining(), (int) request.contentLength - bodyRead);
        in.get(request.body, bodyRead, n);
        bodyRead += n;
        if (bodyRead == request.contentLength) {
            state = DONE;
            return true;
        }
        return false;
    }

    private boolean fail(int status) {
        if (state != FAILED) {
            errorStatus = status;
            state = FAILED;
        }
        return false;
    }

    private boolean nameIs(int start, int end, String lowerCase) {
        if (end - start != lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if (HttpChars.toLower(head[start + i] & 0xff) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
