package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a connected {@link TcpSocket}, with the JDK's {@link SSLEngine}: the same {@link #read} and
 * {@link #write} tasks as a plain socket, on ciphertext underneath. The engine's delegated tasks (certificate
 * checks, key exchange) run off the loop with {@link EventLoop#runInExecutor}. Writes get the socket's
 * backpressure (its water marks apply to the ciphertext).
 *
 * <pre>{@code
 * SSLEngine engine = context.createSSLEngine(host, port);
 * engine.setUseClientMode(true);
 * TlsSocket tls = await(TlsSocket.handshake(socket, engine), IOException.class);
 * await(tls.write(request), IOException.class);
 * int n = await(tls.read(buf), IOException.class);   // -1 after the peer's close_notify
 * }</pre>
 *
 * <p>A TCP end of stream without the peer's close_notify fails the read with {@link SSLException} (a
 * truncation). One read and one write at a time; loop thread only.
 */
public final class TlsSocket implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TcpSocket socket;
    private final SSLEngine engine;
    /** Ciphertext read from the socket, in fill mode (position = end of data). */
    private ByteBuffer netIn;
    /** Plaintext decrypted and not yet delivered, in drain mode (position..limit). */
    private ByteBuffer appIn;
    /** Ciphertext to send; each use is flushed before the next. */
    private ByteBuffer netOut;
    private boolean inboundDone;
    private boolean reading;
    private boolean writing;
    private boolean closed;

    private TlsSocket(TcpSocket socket, SSLEngine engine) {
        this.socket = socket;
        this.engine = engine;
        SSLSession s = engine.getSession();
        netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        appIn.flip();
        netOut = ByteBuffer.allocate(s.getPacketBufferSize());
    }

    /**
     * Runs the TLS handshake over {@code socket} with {@code engine} (already set to client or server mode,
     * with the host name for SNI and verification on the client side).
     *
     * @return a task of the ready TLS socket; it fails with {@link SSLHandshakeException} (or another
     *     {@link SSLException}) if the handshake fails, and the TCP socket is then closed
     */
    public static Task<TlsSocket> handshake(TcpSocket socket, SSLEngine engine) {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(engine, "engine");
        TlsSocket tls = new TlsSocket(socket, engine);
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            socket.abort();
            return Task.failed(e);
        }
        return new Handshake(tls).start();
    }

    /** The negotiated session. */
    public SSLSession session() {
        return engine.getSession();
    }

    /** The TCP socket underneath. */
    public TcpSocket tcp() {
        return socket;
    }

    // ================================================================== engine helpers

    /** Unwraps what {@link #netIn} holds into {@link #appIn}, growing buffers as the engine asks. */
    private SSLEngineResult unwrap() throws SSLException {
        for (;;) {
            netIn.flip();
            appIn.compact();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
                appIn.flip();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW:
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), true);
                    continue;
                case BUFFER_UNDERFLOW:
                    if (netIn.remaining() == 0) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
                    }
                    return r;
                default:
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        inboundDone = true;
                    }
                    return r;
            }
        }
    }

    /** Wraps from {@code src} into a cleared {@link #netOut}, left flipped for writing. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        for (;;) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            netOut.flip();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2,
                        engine.getSession().getPacketBufferSize()));
                continue;
            }
            return r;
        }
    }

    /** A buffer with more room, keeping the data (fill mode for netIn, drain mode for appIn). */
    private static ByteBuffer grow(ByteBuffer b, int atLeast, boolean drainMode) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
        if (drainMode) {
            bigger.put(b);
            bigger.flip();
        } else {
            b.flip();
            bigger.put(b);
        }
        return bigger;
    }

    /** Delegated tasks of the engine, run together off the loop. */
    private Task<Void> runDelegatedTasks() {
        List<Runnable> tasks = new ArrayList<>();
        for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
            tasks.add(t);
        }
        return socket.loop().runInExecutor(() -> {
            for (Runnable t : tasks) {
                t.run();
            }
            return null;
        });
    }

    // ================================================================== handshake

    /** Drives the engine's handshake status: wrap and send, read and unwrap, delegated tasks. */
    static final class Handshake extends StateMachine<TlsSocket> {
        private final TlsSocket t;

        Handshake(TlsSocket t) {
            this.t = t;
        }

        @Override
        protected Object step() throws Exception {
            try {
                for (;;) {
                    if (state == 1 || state == 3) { // a write or delegated tasks completed
                        state = 0;
                        resume();
                    } else if (state == 2) { // a read completed
                        state = 0;
                        int n = resume();
                        if (n < 0) {
                            throw new SSLHandshakeException("the peer closed the connection during the handshake");
                        }
                    }
                    switch (t.engine.getHandshakeStatus()) {
                        case NEED_WRAP: {
                            SSLEngineResult r = t.wrap(EMPTY);
                            if (t.netOut.hasRemaining()) {
                                if (suspend(t.socket.write(t.netOut), 1)) {
                                    return SUSPENDED;
                                }
                                continue;
                            }
                            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                                throw new SSLHandshakeException("the engine closed during the handshake");
                            }
                            continue;
                        }
                        case NEED_UNWRAP:
                        case NEED_UNWRAP_AGAIN: {
                            SSLEngineResult r = t.unwrap();
                            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                                if (suspend(t.socket.read(t.netIn), 2)) {
                                    return SUSPENDED;
                                }
                                continue;
                            }
                            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                                throw new SSLHandshakeException("the peer closed TLS during the handshake");
                            }
                            continue;
                        }
                        case NEED_TASK:
                            if (suspend(t.runDelegatedTasks(), 3)) {
                                return SUSPENDED;
                            }
                            continue;
                        default: // FINISHED or NOT_HANDSHAKING
                            return t;
                    }
                }
            } catch (Exception | Error e) {
                t.socket.abort();
                throw e;
            }
        }
    }

    // ================================================================== reading

    /**
     * Reads decrypted bytes into {@code dst}: a task of the count, 0 if {@code dst} has no room, -1 once the
     * peer sent close_notify.
     */
    public Task<Integer> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (reading) {
            throw new IllegalStateException("a read is already pending on " + this + ": await it first");
        }
        if (closed) {
            return Task.failed(new ClosedChannelException());
        }
        if (!dst.hasRemaining()) {
            return Task.completed(0);
        }
        if (appIn.hasRemaining()) {
            return Task.completed(deliver(dst));
        }
        reading = true;
        return new ReadOp(this, dst).start();
    }

    private int deliver(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        return n;
    }

    static final class ReadOp extends StateMachine<Integer> {
        private final TlsSocket t;
        private final ByteBuffer dst;

        ReadOp(TlsSocket t, ByteBuffer dst) {
            this.t = t;
            this.dst = dst;
        }

        @Override
        protected Object step() throws Exception {
            try {
                for (;;) {
                    if (state == 1) { // ciphertext read
                        state = 0;
                        int n = resume();
                        if (n < 0) {
                            throw new SSLException("the connection was closed without a TLS close_notify "
                                    + "(truncated)", new EOFException());
                        }
                    } else if (state == 2 || state == 3) { // post-handshake write or tasks done
                        state = 0;
                        resume();
                    }
                    if (t.appIn.hasRemaining()) {
                        t.reading = false;
                        return t.deliver(dst);
                    }
                    if (t.inboundDone) {
                        t.reading = false;
                        return -1;
                    }
                    SSLEngineResult r = t.unwrap();
                    if (t.appIn.hasRemaining()) {
                        continue;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        continue; // inboundDone: -1
                    }
                    // TLS 1.3 post-handshake messages (key update, tickets) may need an answer or tasks
                    SSLEngineResult.HandshakeStatus hs = t.engine.getHandshakeStatus();
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        if (suspend(t.runDelegatedTasks(), 3)) {
                            return SUSPENDED;
                        }
                        continue;
                    }
                    if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP && !t.writing) {
                        t.wrap(EMPTY);
                        if (t.netOut.hasRemaining() && suspend(t.socket.write(t.netOut), 2)) {
                            return SUSPENDED;
                        }
                        continue;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || r.bytesConsumed() == 0) {
                        if (suspend(t.socket.read(t.netIn), 1)) {
                            return SUSPENDED;
                        }
                    }
                }
            } catch (Exception | Error e) {
                t.reading = false;
                throw e;
            }
        }
    }

    // ================================================================== writing

    /**
     * Encrypts and writes all of {@code src}; completes per the TCP socket's water marks, like
     * {@link TcpSocket#write}.
     */
    public Task<Void> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        if (writing) {
            throw new IllegalStateException("a write is already pending on " + this + ": await it first");
        }
        if (closed) {
            return Task.failed(new ClosedChannelException());
        }
        writing = true;
        return new WriteOp(this, src).start();
    }

    static final class WriteOp extends StateMachine<Void> {
        private final TlsSocket t;
        private final ByteBuffer src;

        WriteOp(TlsSocket t, ByteBuffer src) {
            this.t = t;
            this.src = src;
        }

        @Override
        protected Object step() throws Exception {
            try {
                for (;;) {
                    if (state == 1) {
                        state = 0;
                        resume();
                    }
                    if (!src.hasRemaining()) {
                        t.writing = false;
                        return null;
                    }
                    SSLEngineResult r = t.wrap(src);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new ClosedChannelException();
                    }
                    if (suspend(t.socket.write(t.netOut), 1)) {
                        return SUSPENDED;
                    }
                }
            } catch (Exception | Error e) {
                t.writing = false;
                throw e;
            }
        }
    }

    // ================================================================== close

    /**
     * Sends close_notify (unless a write is pending), then closes the TCP socket gracefully (buffered
     * ciphertext is flushed first).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.closeOutbound();
        if (!writing) {
            try {
                wrap(EMPTY);
                if (netOut.hasRemaining()) {
                    socket.write(netOut); // taken at once or buffered; the close below flushes it
                }
            } catch (SSLException | RuntimeException e) {
                // closing anyway
            }
        }
        socket.close();
    }

    /** Closes at once without close_notify and resets the TCP connection. */
    public void abort() {
        closed = true;
        socket.abort();
    }

    @Override
    public String toString() {
        return "TlsSocket[" + socket + "]";
    }
}
