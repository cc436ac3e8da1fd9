package io.github.coro4j.net;

import io.github.coro4j.CancelledException;
import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A listening TCP socket on one {@link EventLoop}.
 *
 * <pre>{@code
 * TcpServer server = TcpServer.bind(new InetSocketAddress("127.0.0.1", 8007));
 * Task<Void> served = server.serve(EchoCoroutines::handle);   // one handler task per connection
 * ...
 * await(server.shutdown(Duration.ofSeconds(5)));              // stop accepting, let handlers finish
 * }</pre>
 *
 * <p>A handler's failure is reported to the error handler (a warning on the {@code io.github.coro4j.net}
 * logger by default) and closes only its own connection. An accept error, such as running out of file
 * descriptors, is reported and accepting resumes after a back-off, so the loop keeps serving the connections
 * it has. All methods are for the owning loop's thread.
 */
public final class TcpServer implements AutoCloseable {
    /** The listen backlog used by {@link #bind(InetSocketAddress)}. */
    public static final int DEFAULT_BACKLOG = 1024;
    /** How long accepting pauses after an accept error. */
    static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);
    /** Connections accepted in a row before the acceptor lets other tasks run. */
    private static final int ACCEPT_BATCH = 64;

    final EventLoop loop;
    final ServerSocketChannel channel;
    private BiConsumer<String, Throwable> errors = Connections::log;
    private Connections connections;
    private AcceptLoop acceptor;
    private boolean acceptPending;
    private boolean closed;
    private Promise<Void> served;

    private TcpServer(EventLoop loop, ServerSocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
    }

    /**
     * Binds a server on the current loop with SO_REUSEADDR, the default backlog and no SO_REUSEPORT.
     *
     * @param address where to listen; port 0 picks a free port (see {@link #localAddress()})
     * @throws IOException if the address cannot be bound
     */
    public static TcpServer bind(InetSocketAddress address) throws IOException {
        return bind(address, DEFAULT_BACKLOG, false);
    }

    /**
     * Binds a server on the current loop.
     *
     * @param backlog the listen backlog (the kernel caps it at {@code net.core.somaxconn})
     * @param reusePort whether to set SO_REUSEPORT, so that several listeners share the port
     * @throws UnsupportedOperationException if {@code reusePort} is asked for on a platform without it
     * @throws IOException if the address cannot be bound
     */
    public static TcpServer bind(InetSocketAddress address, int backlog, boolean reusePort) throws IOException {
        Objects.requireNonNull(address, "address");
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive: " + backlog);
        }
        EventLoop loop = EventLoop.current();
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new UnsupportedOperationException("SO_REUSEPORT is not supported on this platform");
                }
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(address, backlog);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TcpServer(loop, ch);
    }

    /** The bound address (with the actual port when bound to port 0). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets where handler failures and accept errors go; null restores the default logger. */
    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errors = handler == null ? Connections::log : handler;
    }

    /**
     * Accepts one connection: a task of the connected socket (TCP_NODELAY on). Use either this or
     * {@link #serve}, not both.
     *
     * @throws IllegalStateException if another accept is pending or the server serves
     */
    public Task<TcpSocket> accept() {
        if (acceptor != null) {
            throw new IllegalStateException("the server already serves connections: accept() is not available");
        }
        if (acceptPending) {
            throw new IllegalStateException("an accept is already pending on " + this);
        }
        if (closed) {
            return Task.failed(new ClosedChannelException());
        }
        Promise<TcpSocket> result = new Promise<>();
        acceptPending = true;
        AcceptLoop one = new AcceptLoop(this, c -> {
            acceptPending = false;
            try {
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                result.complete(new TcpSocket(loop, c));
            } catch (IOException e) {
                Connections.closeQuietly(c);
                result.fail(e);
            }
        }, true);
        one.start();
        if (one.isDone() && !result.isDone()) {
            acceptPending = false;
            Throwable e = one.exception();
            result.fail(e == null ? new ClosedChannelException() : e);
        } else if (!one.isDone()) {
            one.onComplete(t -> {
                acceptPending = false;
                if (!result.isDone()) {
                    Throwable e = t.exception();
                    result.fail(e == null ? new ClosedChannelException() : e);
                }
            });
            result.onComplete(t -> {
                if (t.isCancelled()) {
                    one.cancel();
                }
            });
        }
        return result;
    }

    /**
     * Serves connections: for each accepted socket, calls {@code handler} (e.g. a companion factory such as
     * {@code EchoCoroutines::handle}) on this loop and runs the task it returns. When the task is done the
     * socket is closed (gracefully; aborted if the handler failed, and the failure is reported).
     *
     * @return a task that completes once the server was shut down and every handler is done
     * @throws IllegalStateException if the server already serves
     */
    public Task<Void> serve(Function<? super TcpSocket, ? extends Task<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        Connections set = new Connections(loop, handler, (m, e) -> errors.accept(m, e), new AtomicInteger());
        return serve(set::start, set);
    }

    /** Serves with a custom sink for accepted channels (the group hands them to other loops). */
    Task<Void> serve(Consumer<SocketChannel> sink, Connections local) {
        if (acceptor != null || acceptPending) {
            throw new IllegalStateException("the server already accepts connections");
        }
        connections = local;
        served = new Promise<>();
        acceptor = new AcceptLoop(this, sink, false);
        acceptor.start();
        return served;
    }

    /** Live connections served by {@link #serve}. */
    public int connectionCount() {
        return connections == null ? 0 : connections.count();
    }

    /**
     * Clean shutdown: stops accepting at once, lets the handlers finish for up to {@code grace}, then cancels
     * the ones still running and resets their connections.
     *
     * @return a task that completes when every handler is done (also the task {@link #serve} returned)
     */
    public Task<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        stopAccepting();
        if (served == null) {
            served = new Promise<>();
            served.complete(null);
            return served;
        }
        if (!served.isDone()) {
            Promise<Void> s = served;
            Task<Void> all = connections.shutdown(grace);
            if (all.isDone()) {
                s.complete(null);
            } else {
                all.onComplete(t -> s.complete(null));
            }
        }
        return served;
    }

    /** Stops accepting and closes the listening socket; connections already accepted go on. */
    public void stopAccepting() {
        if (closed) {
            return;
        }
        closed = true;
        loop.deregister(channel);
        Connections.closeQuietly(channel);
    }

    /** Stops accepting and cancels every handler at once: {@code shutdown(Duration.ZERO)}. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    void report(String message, Throwable e) {
        errors.accept(message, e);
    }

    @Override
    public String toString() {
        return "TcpServer[" + (closed ? "closed" : localAddress()) + "]";
    }

    /** Accepts connections and gives them to a sink; backs off after accept errors. */
    static final class AcceptLoop extends StateMachine<Void> {
        private final TcpServer server;
        private final Consumer<SocketChannel> sink;
        private final boolean once;

        AcceptLoop(TcpServer server, Consumer<SocketChannel> sink, boolean once) {
            this.server = server;
            this.sink = sink;
            this.once = once;
        }

        @Override
        protected Object step() throws Throwable {
            for (;;) {
                if (state != 0) {
                    state = 0;
                    try {
                        resume();
                    } catch (Throwable e) {
                        if (server.closed
                                && (e instanceof ClosedChannelException || e instanceof CancelledException)) {
                            return null;
                        }
                        throw e;
                    }
                }
                for (int i = 0; i < ACCEPT_BATCH; i++) {
                    SocketChannel c;
                    try {
                        c = server.channel.accept();
                    } catch (ClosedChannelException e) {
                        if (server.closed) {
                            return null;
                        }
                        throw e;
                    } catch (IOException e) {
                        if (once) {
                            throw e;
                        }
                        server.report("accept failed on " + server + "; retrying in "
                                + ACCEPT_BACKOFF.toMillis() + " ms", e);
                        if (suspend(Coro.sleep(ACCEPT_BACKOFF), 2)) {
                            return SUSPENDED;
                        }
                        break;
                    }
                    if (c == null) {
                        if (suspend(server.loop.awaitReady(server.channel, SelectionKey.OP_ACCEPT), 1)) {
                            return SUSPENDED;
                        }
                        break;
                    }
                    try {
                        sink.accept(c);
                    } catch (RuntimeException e) {
                        server.report("could not start a connection", e);
                        Connections.closeQuietly(c);
                    }
                    if (once) {
                        return null;
                    }
                    if (i == ACCEPT_BATCH - 1 && suspend(Coro.yieldNow(), 3)) {
                        return SUSPENDED;
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "TcpServer.accept" + super.toString();
        }
    }
}
