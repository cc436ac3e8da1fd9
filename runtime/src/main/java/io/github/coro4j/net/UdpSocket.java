package io.github.coro4j.net;

import io.github.coro4j.CancelledException;
import io.github.coro4j.EventLoop;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * A UDP socket on one {@link EventLoop}: {@link #send} and {@link #receive} datagrams as tasks. Both try the
 * system call first and wait for readiness only when it would block. At most one send and one receive may be
 * pending at a time; loop thread only.
 *
 * <pre>{@code
 * UdpSocket udp = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 9999));
 * ByteBuffer buf = ByteBuffer.allocate(1500);
 * SocketAddress from = await(udp.receive(buf), IOException.class);
 * buf.flip();
 * await(udp.send(buf, from), IOException.class);
 * }</pre>
 */
public final class UdpSocket implements AutoCloseable {
    private static final Task<Void> SENT = Task.completed(null);

    private final EventLoop loop;
    private final DatagramChannel channel;
    private boolean receiving;
    private boolean sending;
    private boolean closed;

    private UdpSocket(EventLoop loop, DatagramChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /**
     * Opens a UDP socket on the current loop, bound to {@code local} (port 0 for any free port; null for an
     * ephemeral address).
     *
     * @throws IOException if it cannot be bound
     */
    public static UdpSocket bind(InetSocketAddress local) throws IOException {
        EventLoop loop = EventLoop.current();
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(local);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new UdpSocket(loop, ch);
    }

    /**
     * Sends the remaining bytes of {@code src} as one datagram to {@code target}.
     *
     * @return a task that completes once the datagram was handed to the kernel
     * @throws IllegalStateException if another send is pending
     */
    public Task<Void> send(ByteBuffer src, SocketAddress target) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(target, "target");
        if (sending) {
            throw new IllegalStateException("a send is already pending on " + this + ": await it first");
        }
        if (closed) {
            return Task.failed(new ClosedChannelException());
        }
        try {
            if (channel.send(src, target) > 0 || !src.hasRemaining()) {
                return SENT;
            }
        } catch (IOException e) {
            return Task.failed(e);
        }
        sending = true;
        return new SendOp(src, target).start();
    }

    /**
     * Receives one datagram into {@code dst} (the rest of a datagram larger than {@code dst}'s room is lost).
     *
     * @return a task of the sender's address
     * @throws IllegalStateException if another receive is pending
     */
    public Task<SocketAddress> receive(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        if (receiving) {
            throw new IllegalStateException("a receive is already pending on " + this + ": await it first");
        }
        if (closed) {
            return Task.failed(new ClosedChannelException());
        }
        try {
            SocketAddress from = channel.receive(dst);
            if (from != null) {
                return Task.completed(from);
            }
        } catch (IOException e) {
            return Task.failed(e);
        }
        receiving = true;
        return new ReceiveOp(dst).start();
    }

    /** The bound local address. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a socket option of the underlying channel. */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) {
        try {
            channel.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Closes the socket; pending sends and receives fail with {@link ClosedChannelException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.deregister(channel);
        Connections.closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "UdpSocket[" + (closed ? "closed" : localAddress()) + "]";
    }

    private void releaseIfIdle() {
        if (!sending && !receiving && !closed) {
            loop.deregister(channel);
        }
    }

    /**
     * Waits for readiness and retries a non-blocking datagram operation until it goes through; the pending flag
     * of the operation is cleared when it ends, however it ends.
     */
    private abstract class RetryOp<T> extends StateMachine<T> {
        private final int op;

        RetryOp(int op) {
            this.op = op;
        }

        /** One non-blocking try: true if it went through, and then {@link #value()} is the task's value. */
        abstract boolean attempt() throws IOException;

        abstract T value();

        /** Clears the operation's pending flag. */
        abstract void finished();

        @Override
        protected Object step() throws IOException {
            try {
                for (;;) {
                    if (state == 1) {
                        state = 0;
                        resume();
                        if (attempt()) {
                            finished();
                            return value();
                        }
                    }
                    if (suspend(loop.awaitReady(channel, op), 1)) {
                        return SUSPENDED;
                    }
                }
            } catch (IOException | RuntimeException e) {
                finished();
                if (e instanceof CancelledException) {
                    releaseIfIdle();
                }
                throw e;
            }
        }
    }

    private final class SendOp extends RetryOp<Void> {
        private final ByteBuffer src;
        private final SocketAddress target;

        SendOp(ByteBuffer src, SocketAddress target) {
            super(SelectionKey.OP_WRITE);
            this.src = src;
            this.target = target;
        }

        @Override
        boolean attempt() throws IOException {
            return channel.send(src, target) > 0 || !src.hasRemaining();
        }

        @Override
        Void value() {
            return null;
        }

        @Override
        void finished() {
            sending = false;
        }
    }

    private final class ReceiveOp extends RetryOp<SocketAddress> {
        private final ByteBuffer dst;
        private SocketAddress from;

        ReceiveOp(ByteBuffer dst) {
            super(SelectionKey.OP_READ);
            this.dst = dst;
        }

        @Override
        boolean attempt() throws IOException {
            from = channel.receive(dst);
            return from != null;
        }

        @Override
        SocketAddress value() {
            return from;
        }

        @Override
        void finished() {
            receiving = false;
        }
    }
}
