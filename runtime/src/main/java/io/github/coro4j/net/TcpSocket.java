package io.github.coro4j.net;

import io.github.coro4j.Cancellable;
import io.github.coro4j.CancelledException;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connection owned by one {@link EventLoop}: non-blocking reads and writes as tasks.
 *
 * <p>Reads: {@link #read(ByteBuffer)} tries the system call first and waits for readiness only when it
 * would block. Writes: {@link #write(ByteBuffer)} writes at once what the kernel takes, and copies the rest
 * into a bounded outgoing buffer that the loop flushes when the socket is writable; the task completes as soon
 * as all of the source buffer was taken, unless the outgoing buffer is full (above the high-water mark), in
 * which case it completes once the buffer has drained below the low-water mark: asyncio's
 * {@code write()} followed by {@code drain()}, in one task. Memory per connection stays bounded by the
 * high-water mark, whatever the peer does.
 *
 * <p>Failures are {@link IOException}s (a reset peer, a closed socket as
 * {@link ClosedChannelException}, a connect timeout as {@link SocketTimeoutException}), so a coroutine
 * catches them with {@code catch (IOException e)} around {@code await(sock.read(buf), IOException.class)}.
 *
 * <p>At most one read and one write may be pending at a time. All methods must be called on the owning
 * loop's thread. {@link #close()} is graceful (pending output is flushed first, then the socket closes);
 * {@link #abort()} drops everything and resets the connection.
 */
public final class TcpSocket implements AutoCloseable {
    /** Default high-water mark of the outgoing buffer, in bytes. */
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;
    /** Default low-water mark of the outgoing buffer, in bytes. */
    public static final int DEFAULT_LOW_WATER = 16 * 1024;

    private static final Task<Void> DONE = Task.completed(null);
    private static final Task<Integer> EOF = Task.completed(-1);
    private static final Task<Integer> ZERO = Task.completed(0);

    final EventLoop loop;
    final SocketChannel channel;
    private final InetSocketAddress remote;

    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_LOW_WATER;

    /** Outgoing bytes not yet taken by the kernel, in read mode (position..limit); null until needed. */
    private ByteBuffer out;
    /** The source of the pending write whose rest did not fit in {@link #out}. */
    private ByteBuffer pendingSource;
    /** The task of the pending write, completed per the water marks. */
    private Promise<Void> pendingWrite;
    private Flusher flusher;
    private IOException writeError;

    private ReadOp pendingRead;
    /** The previous read came back short: the kernel buffer was empty then, so wait before the next syscall. */
    private boolean drained;

    private boolean outputShutdown;
    private boolean shutdownAfterFlush;
    private boolean closing;
    private boolean closed;

    TcpSocket(EventLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
        InetSocketAddress r = null;
        try {
            r = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException ignored) {
            // not connected or already closed: remote stays null
        }
        this.remote = r;
    }

    /**
     * Connects to {@code host:port} on the current loop. A host name is resolved off the loop (in the loop's
     * executor); a literal address is used as is. TCP_NODELAY is on.
     *
     * @param timeout for resolution and connection together; {@link Duration#ZERO} for none
     * @return a task of the connected socket; it fails with {@link SocketTimeoutException} when the timeout
     *     passes, {@link java.net.ConnectException} when refused, {@link java.net.UnknownHostException} when the
     *     name does not resolve
     * @throws IllegalStateException if there is no running event loop on this thread
     */
    public static Task<TcpSocket> connect(String host, int port, Duration timeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        InetSocketAddress address = isLiteral(host)
                ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
        return new ConnectOp(address, timeout).start();
    }

    /** Like {@link #connect(String, int, Duration)} for an address; an unresolved one is resolved off the loop. */
    public static Task<TcpSocket> connect(InetSocketAddress address, Duration timeout) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return new ConnectOp(address, timeout).start();
    }

    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6
        }
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    // ================================================================== reading

    /**
     * Reads into {@code dst}: a task of the number of bytes read, 0 if {@code dst} has no room, -1 at end of
     * stream. The caller must not touch {@code dst} until the task is done. Cancelling the task withdraws the
     * socket's read interest.
     *
     * @throws IllegalStateException if another read is pending
     */
    public Task<Integer> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (pendingRead != null) {
            throw new IllegalStateException("a read is already pending on " + this + ": await it first");
        }
        if (closing || closed) {
            return Task.failed(new ClosedChannelException());
        }
        int wanted = dst.remaining();
        if (wanted == 0) {
            return ZERO;
        }
        if (!drained) {
            int n;
            try {
                n = channel.read(dst);
            } catch (IOException e) {
                return Task.failed(e);
            }
            if (n != 0) {
                drained = n < wanted;
                return n < 0 ? EOF : Task.completed(n);
            }
        }
        ReadOp op = new ReadOp(this, dst, wanted);
        pendingRead = op;
        op.start();
        return op;
    }

    /** Reads after waiting for readability; the read syscall is tried first only when {@code drained} is off. */
    static final class ReadOp extends StateMachine<Integer> {
        private final TcpSocket s;
        private final ByteBuffer dst;
        private final int wanted;

        ReadOp(TcpSocket s, ByteBuffer dst, int wanted) {
            this.s = s;
            this.dst = dst;
            this.wanted = wanted;
        }

        @Override
        protected Object step() throws Throwable {
            try {
                for (;;) {
                    if (state == 1) {
                        state = 0;
                        resume();
                        int n = s.channel.read(dst);
                        if (n != 0) {
                            s.pendingRead = null;
                            s.drained = n < wanted;
                            return n;
                        }
                    }
                    if (suspend(s.loop.awaitReady(s.channel, SelectionKey.OP_READ), 1)) {
                        return SUSPENDED;
                    }
                }
            } catch (Throwable e) {
                s.pendingRead = null;
                if (e instanceof CancelledException && s.closing) {
                    throw new ClosedChannelException();
                }
                if (e instanceof CancelledException) {
                    s.releaseRegistrationIfIdle();
                }
                throw e;
            }
        }

        @Override
        public String toString() {
            return "TcpSocket.read" + super.toString();
        }
    }

    // ================================================================== writing

    /**
     * Writes all of {@code src}: a task that completes when every byte was taken (by the kernel, or into the
     * outgoing buffer while that is below the high-water mark); otherwise once the buffer drained below the
     * low-water mark. The caller must not touch {@code src} until the task is done. Cancelling the task drops
     * the part of {@code src} not yet taken (the stream is then cut mid-message: abort the connection).
     *
     * @throws IllegalStateException if another write is pending
     */
    public Task<Void> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        if (pendingWrite != null) {
            throw new IllegalStateException("a write is already pending on " + this + ": await it first");
        }
        if (writeError != null) {
            return Task.failed(writeError);
        }
        if (closing || closed || outputShutdown || shutdownAfterFlush) {
            return Task.failed(new ClosedChannelException());
        }
        if (!src.hasRemaining()) {
            return DONE;
        }
        if (out == null || !out.hasRemaining()) {
            try {
                while (channel.write(src) > 0 && src.hasRemaining()) {
                    // the kernel takes what it can
                }
            } catch (IOException e) {
                writeError = e;
                return Task.failed(e);
            }
            if (!src.hasRemaining()) {
                return DONE;
            }
        }
        append(src);
        startFlusher();
        if (!src.hasRemaining()) {
            return DONE;
        }
        pendingSource = src;
        pendingWrite = new Promise<>();
        return pendingWrite;
    }

    /**
     * A task that completes once the outgoing buffer is empty (everything handed to the kernel), or fails with
     * the write error that stopped it.
     */
    public Task<Void> drain() {
        if (writeError != null) {
            return Task.failed(writeError);
        }
        if (flusher == null) {
            return DONE;
        }
        Promise<Void> p = new Promise<>();
        flusher.onComplete(t -> {
            if (writeError != null) {
                p.fail(writeError);
            } else {
                p.complete(null);
            }
        });
        return p;
    }

    /** Bytes buffered and not yet taken by the kernel. */
    public int bufferedBytes() {
        return out == null ? 0 : out.remaining();
    }

    /**
     * Sets the water marks of the outgoing buffer: a write waits while more than {@code high} bytes would be
     * buffered, until the buffer holds at most {@code low}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high} and {@code high > 0}
     */
    public void setWaterMarks(int high, int low) {
        if (high <= 0 || low < 0 || low > high) {
            throw new IllegalArgumentException("need 0 <= low <= high and high > 0, got high=" + high
                    + ", low=" + low);
        }
        if (bufferedBytes() > 0 && out.capacity() > high) {
            throw new IllegalStateException("cannot shrink the high-water mark below the buffered data's room");
        }
        this.highWater = high;
        this.lowWater = low;
    }

    /** Copies as much of {@code src} as fits under the high-water mark into the outgoing buffer. */
    private void append(ByteBuffer src) {
        if (out == null || out.capacity() < highWater) {
            int want = Math.min(highWater, Math.max(4096, (out == null ? 0 : out.remaining()) + src.remaining()));
            if (out == null || out.capacity() < want) {
                ByteBuffer bigger = ByteBuffer.allocate(want);
                if (out != null) {
                    bigger.put(out);
                }
                bigger.flip();
                out = bigger;
            }
        }
        out.compact();
        int room = Math.min(out.remaining(), highWater - out.position());
        if (room > 0) {
            if (src.remaining() <= room) {
                out.put(src);
            } else {
                int limit = src.limit();
                src.limit(src.position() + room);
                out.put(src);
                src.limit(limit);
            }
        }
        out.flip();
    }

    private void startFlusher() {
        if (flusher == null && out != null && out.hasRemaining()) {
            flusher = new Flusher(this);
            flusher.start();
        }
    }

    /**
     * Writes the outgoing buffer and refills it from the pending source. Returns true when the kernel would
     * take no more (wait for writability), false when everything is out.
     */
    private boolean flushSome() throws IOException {
        for (;;) {
            if (out.hasRemaining()) {
                channel.write(out);
                if (out.hasRemaining()) {
                    settlePendingWrite();
                    return true;
                }
            }
            ByteBuffer src = pendingSource;
            if (src == null || !src.hasRemaining()) {
                settlePendingWrite();
                return false;
            }
            append(src);
        }
    }

    private void settlePendingWrite() {
        Promise<Void> p = pendingWrite;
        if (p == null) {
            return;
        }
        if (p.isDone()) { // cancelled: drop the rest
            pendingWrite = null;
            pendingSource = null;
            return;
        }
        if (pendingSource != null && pendingSource.hasRemaining()) {
            append(pendingSource);
        }
        if (!pendingSource.hasRemaining() && out.remaining() <= lowWater) {
            pendingWrite = null;
            pendingSource = null;
            p.complete(null);
        }
    }

    private void writeFailed(Throwable e) {
        IOException io = e instanceof IOException ? (IOException) e
                : (IOException) new ClosedChannelException().initCause(e);
        if (writeError == null) {
            writeError = io;
        }
        if (out != null) {
            out.clear().flip();
        }
        pendingSource = null;
        Promise<Void> p = pendingWrite;
        pendingWrite = null;
        if (p != null && !p.isDone()) {
            p.fail(io);
        }
    }

    /** Flushes the outgoing buffer whenever the socket is writable, until it is empty. */
    static final class Flusher extends StateMachine<Void> {
        private final TcpSocket s;

        Flusher(TcpSocket s) {
            this.s = s;
        }

        @Override
        protected Object step() {
            try {
                for (;;) {
                    if (state == 1) {
                        state = 0;
                        resume();
                    }
                    if (!s.flushSome()) {
                        break;
                    }
                    if (suspend(s.loop.awaitReady(s.channel, SelectionKey.OP_WRITE), 1)) {
                        return SUSPENDED;
                    }
                }
            } catch (Throwable e) {
                s.writeFailed(e);
            }
            s.flusher = null;
            s.flushed();
            return null;
        }

        @Override
        public String toString() {
            return "TcpSocket.flusher" + super.toString();
        }
    }

    /** The outgoing buffer is empty (or the writes failed): carry out a deferred half-close or close. */
    private void flushed() {
        if (closing) {
            closeNow();
        } else if (shutdownAfterFlush) {
            shutdownAfterFlush = false;
            shutdownOutputNow();
        }
    }

    // ================================================================== shutdown and close

    /**
     * Half-closes the connection: after the buffered output is flushed, the peer reads end of stream, while
     * this side can still read. Further writes fail with {@link ClosedChannelException}.
     */
    public void shutdownOutput() {
        if (closed || closing || outputShutdown) {
            return;
        }
        if (flusher != null) {
            shutdownAfterFlush = true;
        } else {
            shutdownOutputNow();
        }
    }

    private void shutdownOutputNow() {
        outputShutdown = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            if (writeError == null) {
                writeError = e;
            }
        }
    }

    /**
     * Closes gracefully: a pending read fails with {@link ClosedChannelException} at once, buffered output is
     * flushed in the background, then the socket closes and leaves the loop's selector. Harmless if repeated.
     */
    @Override
    public void close() {
        if (closed || closing) {
            return;
        }
        closing = true;
        if (flusher == null) {
            closeNow();
            return;
        }
        ReadOp r = pendingRead;
        if (r != null) {
            r.cancel(); // becomes ClosedChannelException in ReadOp
        }
    }

    /**
     * Closes at once, dropping buffered output, and resets the connection (SO_LINGER 0: the peer sees a
     * reset rather than an orderly end of stream). Pending reads and writes fail with
     * {@link ClosedChannelException}.
     */
    public void abort() {
        if (closed) {
            return;
        }
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException | RuntimeException ignored) {
            // already closed or not connected
        }
        closing = true;
        closeNow();
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        closing = true;
        loop.deregister(channel); // fails the pending waits with ClosedChannelException
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do for a socket being closed
        }
        if (pendingWrite != null) {
            writeFailed(new ClosedChannelException());
        }
    }

    /** After a cancelled read: leave the selector if nothing else waits, so no registration lingers. */
    void releaseRegistrationIfIdle() {
        if (flusher == null && !closed) {
            loop.deregister(channel);
        }
    }

    /** Whether {@link #close()} or {@link #abort()} was called (the close may still be flushing). */
    public boolean isClosed() {
        return closed || closing;
    }

    // ================================================================== options

    /** Turns Nagle's algorithm off (true, the default for sockets made here) or on. */
    public void setTcpNoDelay(boolean on) {
        setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /**
     * Sets a socket option of the underlying channel.
     *
     * @throws UncheckedIOException if the channel refuses it
     */
    public <T> TcpSocket setOption(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads a socket option of the underlying channel. */
    public <T> T getOption(SocketOption<T> option) {
        try {
            return channel.getOption(option);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peer's address, or null if it was not known when the socket was made. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** This end's address. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The loop that owns this socket. */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "TcpSocket[" + remote + (closed ? ", closed" : "") + "]";
    }

    // ================================================================== connect

    /** Resolves (off the loop if needed), then connects, under one timeout. */
    static final class ConnectOp extends StateMachine<TcpSocket> implements Runnable {
        private InetSocketAddress address;
        private final Duration timeout;
        private Cancellable timer;
        private boolean timedOut;
        private Task<InetSocketAddress> resolving;
        private SocketChannel ch;
        private final EventLoop ev = EventLoop.current();

        ConnectOp(InetSocketAddress address, Duration timeout) {
            this.address = address;
            this.timeout = timeout;
        }

        @Override
        protected Object step() throws Throwable {
            try {
                switch (state) {
                    case 0:
                        if (!timeout.isZero()) {
                            timer = ev.callLater(timeout, this);
                        }
                        if (address.isUnresolved()) {
                            String host = address.getHostString();
                            int port = address.getPort();
                            resolving = ev.runInExecutor(
                                    () -> new InetSocketAddress(InetAddress.getByName(host), port));
                            if (suspend(resolving, 1)) {
                                return SUSPENDED;
                            }
                        } else {
                            state = 1;
                        }
                        // fall through
                    case 1:
                        if (resolving != null) {
                            address = resume();
                            resolving = null;
                        }
                        ch = SocketChannel.open();
                        ch.configureBlocking(false);
                        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        if (ch.connect(address)) {
                            return connected();
                        }
                        if (suspend(ev.awaitReady(ch, SelectionKey.OP_CONNECT), 2)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 2:
                    default:
                        for (;;) {
                            resume();
                            if (ch.finishConnect()) {
                                return connected();
                            }
                            if (suspend(ev.awaitReady(ch, SelectionKey.OP_CONNECT), 2)) {
                                return SUSPENDED;
                            }
                        }
                }
            } catch (Throwable e) {
                if (timer != null) {
                    timer.cancel();
                }
                if (ch != null) {
                    ev.deregister(ch);
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // failing anyway
                    }
                }
                if (timedOut && (e instanceof CancelledException || e instanceof ClosedChannelException)) {
                    throw new SocketTimeoutException("connect to " + address + " timed out after " + timeout);
                }
                throw e;
            }
        }

        private TcpSocket connected() {
            if (timer != null) {
                timer.cancel();
            }
            return new TcpSocket(ev, ch);
        }

        /** The timeout fired: stop resolving or connecting; step() turns the failure into a timeout. */
        @Override
        public void run() {
            if (isDone()) {
                return;
            }
            timedOut = true;
            if (resolving != null && !resolving.isDone()) {
                resolving.cancel();
            } else if (ch != null) {
                ev.deregister(ch);
            }
        }

        @Override
        public String toString() {
            return "TcpSocket.connect(" + address + ")" + super.toString();
        }
    }
}
