package io.github.coro4j.net;

import io.github.coro4j.Task;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Buffered writing to a {@link TcpSocket}: {@code write...} methods only append to a local buffer (no system
 * call, no task); {@link #flush()} hands the buffer to the socket and is the point where a coroutine waits for
 * a slow peer (asyncio's {@code drain()}): it completes as soon as the socket's outgoing buffer is below its
 * high-water mark.
 *
 * <pre>{@code
 * StreamWriter out = new StreamWriter(socket);
 * out.writeLine("HELLO " + name);
 * await(out.flush(), IOException.class);
 * }</pre>
 *
 * <p>Loop thread only. Await each flush before the next one; writing while a flush is pending is fine (it
 * goes into the next flush).
 */
public final class StreamWriter {
    private static final byte[] NEWLINE = {'\n'};

    private final TcpSocket socket;
    private ByteBuffer pending;
    private ByteBuffer flushing;
    private Task<Void> flushTask;

    /** A writer with an initial 8 KiB buffer (it grows as needed until the next flush). */
    public StreamWriter(TcpSocket socket) {
        this(socket, 8192);
    }

    /** A writer with the given initial buffer size. */
    public StreamWriter(TcpSocket socket, int bufferSize) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive: " + bufferSize);
        }
        this.pending = ByteBuffer.allocate(bufferSize);
    }

    /** Appends bytes. */
    public StreamWriter write(byte[] bytes) {
        return write(ByteBuffer.wrap(bytes));
    }

    /** Appends the remaining bytes of {@code src} (consuming them). */
    public StreamWriter write(ByteBuffer src) {
        ensure(src.remaining());
        pending.put(src);
        return this;
    }

    /** Appends {@code text} encoded as UTF-8. */
    public StreamWriter writeUtf8(CharSequence text) {
        return write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code text} as UTF-8 and a {@code \n}. */
    public StreamWriter writeLine(CharSequence text) {
        writeUtf8(text);
        return write(NEWLINE);
    }

    /** Bytes written and not yet flushed. */
    public int buffered() {
        return pending.position();
    }

    /**
     * Hands the buffered bytes to the socket: a task that completes when the socket took them all (its
     * outgoing buffer is then below the high-water mark), the point where a fast writer waits for a slow
     * reader.
     *
     * @throws IllegalStateException if the previous flush is still pending
     */
    public Task<Void> flush() {
        if (flushTask != null && !flushTask.isDone()) {
            throw new IllegalStateException("the previous flush is still pending: await it first");
        }
        if (pending.position() == 0) {
            return Task.completed(null);
        }
        ByteBuffer out = pending;
        out.flip();
        pending = flushing != null ? flushing.clear() : ByteBuffer.allocate(out.capacity());
        flushing = out;
        flushTask = socket.write(out);
        return flushTask;
    }

    /** Flushes, then waits until the socket's outgoing buffer is empty (everything handed to the kernel). */
    public Task<Void> drain() {
        Task<Void> f = flush();
        if (f.isDone() && !f.isFailed() && !f.isCancelled()) {
            return socket.drain();
        }
        io.github.coro4j.Promise<Void> p = new io.github.coro4j.Promise<>();
        f.onComplete(t -> {
            if (t.isFailed() || t.isCancelled()) {
                p.fail(t.exception());
            } else {
                socket.drain().onComplete(d -> {
                    if (d.isFailed() || d.isCancelled()) {
                        p.fail(d.exception());
                    } else {
                        p.complete(null);
                    }
                });
            }
        });
        return p;
    }

    private void ensure(int more) {
        if (pending.remaining() < more) {
            long need = (long) pending.position() + more;
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, pending.capacity() * 2L));
            ByteBuffer bigger = ByteBuffer.allocate(size);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
    }
}
