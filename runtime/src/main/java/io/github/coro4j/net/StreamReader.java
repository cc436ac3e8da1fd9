package io.github.coro4j.net;

import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Buffered reading from a {@link TcpSocket}, like asyncio's {@code StreamReader}: lines, exact byte counts,
 * delimited records. Each method returns a task; a result that is already in the buffer costs no system call
 * and no suspension. The buffer grows only as far as the request needs ({@code maxLength} for lines and
 * delimited reads), so a peer that never sends a newline cannot make it grow without bound.
 *
 * <pre>{@code
 * StreamReader in = new StreamReader(socket);
 * String line = await(in.readLine(8192), IOException.class);   // null at end of stream
 * }</pre>
 *
 * <p>One request at a time; loop thread only. After a {@link LineTooLongException} the buffered bytes are
 * left as they were; the usual answer is to close the connection.
 */
public final class StreamReader {
    private static final Object NOT_YET = new Object();

    private final TcpSocket socket;
    private byte[] buf;
    private ByteBuffer window;
    private int start;
    private int end;
    /** How far the buffer was searched for a delimiter already. */
    private int scanned;
    private boolean eof;
    private boolean busy;

    /** A reader with an initial 8 KiB buffer. */
    public StreamReader(TcpSocket socket) {
        this(socket, 8192);
    }

    /** A reader with the given initial buffer size (it grows per request, up to the request's limit). */
    public StreamReader(TcpSocket socket, int bufferSize) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.buf = new byte[bufferSize];
        this.window = ByteBuffer.wrap(buf);
    }

    /** Bytes buffered and not yet consumed. */
    public int buffered() {
        return end - start;
    }

    /** Whether the peer's end of stream was seen. */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * Reads a line of UTF-8 text, ended by {@code \n} or {@code \r\n} (not included). At end of stream returns
     * the unterminated rest, or null if nothing is left.
     *
     * @param maxLength the longest line accepted, in bytes without the terminator
     * @return a task of the line; it fails with {@link LineTooLongException} when no terminator comes within
     *     {@code maxLength} bytes
     */
    public Task<String> readLine(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        }
        return run(new Request<String>(maxLength + 2L) {
            @Override
            Object parse() throws LineTooLongException {
                int nl = find((byte) '\n');
                if (nl < 0) {
                    if (end - start > maxLength + 1) {
                        throw new LineTooLongException("no line end within " + maxLength + " bytes");
                    }
                    return NOT_YET;
                }
                int lineEnd = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                if (lineEnd - start > maxLength) {
                    throw new LineTooLongException("line of " + (lineEnd - start) + " bytes, longer than "
                            + maxLength);
                }
                String line = new String(buf, start, lineEnd - start, StandardCharsets.UTF_8);
                consume(nl + 1);
                return line;
            }

            @Override
            Object atEnd() {
                if (start == end) {
                    return null;
                }
                String rest = new String(buf, start, end - start, StandardCharsets.UTF_8);
                consume(end);
                return rest;
            }
        });
    }

    /**
     * Reads up to and including {@code delimiter}.
     *
     * @param maxLength the most bytes accepted, delimiter included
     * @return a task of the bytes; it fails with {@link LineTooLongException} if the delimiter does not come
     *     within {@code maxLength} bytes, or {@link EOFException} if the stream ends first
     */
    public Task<byte[]> readUntil(byte[] delimiter, int maxLength) {
        Objects.requireNonNull(delimiter, "delimiter");
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("the delimiter must not be empty");
        }
        if (maxLength < delimiter.length) {
            throw new IllegalArgumentException("maxLength must be at least the delimiter's length");
        }
        byte[] delim = delimiter.clone();
        return run(new Request<byte[]>(maxLength) {
            @Override
            Object parse() throws LineTooLongException {
                int at = findSequence(delim);
                if (at < 0) {
                    if (end - start >= maxLength) {
                        throw new LineTooLongException("delimiter not found within " + maxLength + " bytes");
                    }
                    return NOT_YET;
                }
                int stop = at + delim.length;
                if (stop - start > maxLength) {
                    throw new LineTooLongException("delimiter not found within " + maxLength + " bytes");
                }
                byte[] out = Arrays.copyOfRange(buf, start, stop);
                consume(stop);
                return out;
            }

            @Override
            Object atEnd() throws EOFException {
                throw new EOFException("end of stream before the delimiter (" + (end - start) + " bytes left)");
            }
        });
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @return a task of the bytes; it fails with {@link EOFException} if the stream ends first
     */
    public Task<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        return run(new Request<byte[]>(n) {
            @Override
            Object parse() {
                if (end - start < n) {
                    return NOT_YET;
                }
                byte[] out = Arrays.copyOfRange(buf, start, start + n);
                consume(start + n);
                return out;
            }

            @Override
            Object atEnd() throws EOFException {
                throw new EOFException("end of stream after " + (end - start) + " of " + n + " bytes");
            }
        });
    }

    /**
     * Reads what is available, buffered bytes first: a task of the count copied into {@code dst}, -1 at end of
     * stream.
     */
    public Task<Integer> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (busy) {
            throw new IllegalStateException("a read is already pending on this reader");
        }
        if (start < end) {
            int n = Math.min(dst.remaining(), end - start);
            dst.put(buf, start, n);
            consume(start + n);
            return Task.completed(n);
        }
        if (eof) {
            return Task.completed(-1);
        }
        return socket.read(dst);
    }

    private <T> Task<T> run(Request<T> r) {
        if (busy) {
            throw new IllegalStateException("a read is already pending on this reader: await it first");
        }
        Object now;
        try {
            now = r.parse();
            if (now == NOT_YET && eof) {
                now = r.atEnd();
            }
        } catch (Exception e) {
            return Task.failed(e);
        }
        if (now != NOT_YET) {
            @SuppressWarnings("unchecked") T value = (T) now;
            return Task.completed(value);
        }
        busy = true;
        return r.start();
    }

    private void consume(int upTo) {
        start = upTo;
        scanned = start;
        if (start == end) {
            start = 0;
            end = 0;
            scanned = 0;
        }
    }

    private int find(byte b) {
        for (int i = Math.max(scanned, start); i < end; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        scanned = end;
        return -1;
    }

    private int findSequence(byte[] d) {
        int from = Math.max(start, scanned - d.length + 1);
        outer:
        for (int i = from; i <= end - d.length; i++) {
            for (int j = 0; j < d.length; j++) {
                if (buf[i + j] != d[j]) {
                    continue outer;
                }
            }
            return i;
        }
        scanned = end;
        return -1;
    }

    /** Makes room to read more, growing the buffer up to {@code cap} bytes of unconsumed data. */
    private ByteBuffer room(long cap) {
        if (start > 0 && end == buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buf.length) {
            long want = Math.min(Math.max(cap, 1), Integer.MAX_VALUE - 8);
            int bigger = (int) Math.min(Math.max((long) buf.length * 2, 64), Math.max(want, buf.length + 1L));
            buf = Arrays.copyOf(buf, bigger);
            window = ByteBuffer.wrap(buf);
        }
        window.limit(buf.length).position(end);
        return window;
    }

    /** One pending request: parse what is buffered, read more, repeat. */
    private abstract class Request<T> extends StateMachine<T> {
        private final long cap;

        Request(long cap) {
            this.cap = cap;
        }

        abstract Object parse() throws Exception;

        abstract Object atEnd() throws Exception;

        @Override
        protected Object step() throws Exception {
            try {
                for (;;) {
                    if (state == 1) {
                        state = 0;
                        int n = resume();
                        if (n < 0) {
                            eof = true;
                        } else {
                            end += n;
                        }
                        Object r = parse();
                        if (r != NOT_YET) {
                            busy = false;
                            return r;
                        }
                        if (eof) {
                            busy = false;
                            return atEnd();
                        }
                    }
                    if (suspend(socket.read(room(cap)), 1)) {
                        return SUSPENDED;
                    }
                }
            } catch (Exception e) {
                busy = false;
                throw e;
            }
        }
    }
}
