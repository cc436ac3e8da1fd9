package io.github.coro4j.examples.coroutine;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.examples.LoopbackServer;
import io.github.coro4j.net.EventLoopGroup;
import io.github.coro4j.net.GroupServer;
import io.github.coro4j.net.TcpServer;
import io.github.coro4j.net.TcpSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs a coroutine connection handler (a companion factory such as {@code EchoCoroutines::handle}) as a
 * {@link LoopbackServer}, on one event loop or on N.
 * <ul>
 * <li>One loop: {@link EventLoop#startThread} and, on that loop, {@link TcpServer#bind} then
 *     {@link TcpServer#serve}. Every connection of the server runs on that one thread.
 * <li>N loops: an {@link EventLoopGroup} of N loops and {@link EventLoopGroup#serve}; each connection lives on
 *     one loop for its whole life.
 * </ul>
 * {@link #stop()} shuts the server down with a short grace period (handlers still running are cancelled at
 * their {@code await}, so their {@code finally} blocks run) and stops the loops.
 */
public abstract class CoroutineServer implements LoopbackServer {
    /** How long {@link #stop()} lets running handlers finish before cancelling them. */
    private static final Duration GRACE = Duration.ofMillis(200);

    private final int loops;
    private EventLoop loop;
    private TcpServer server;
    private EventLoopGroup group;
    private GroupServer groupServer;

    /** A server on {@code loops} event loops ({@code 1}: a single loop and {@link TcpServer#serve}). */
    protected CoroutineServer(int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1: " + loops);
        }
        this.loops = loops;
    }

    /** The default number of loops: one per available processor, like Netty's default and the group's. */
    public static int defaultLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The number of event loops. */
    public int loops() {
        return loops;
    }

    /**
     * The connection handler: called on the connection's loop thread (from several threads when there are
     * several loops, so it must be thread-safe); returns the handler task. Typically a companion factory.
     */
    protected abstract Function<TcpSocket, Task<?>> handler();

    @Override
    public synchronized int start(int port) throws IOException {
        if (loop != null || group != null) {
            throw new IllegalStateException("already started");
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Function<TcpSocket, Task<?>> handler = handler();
        if (loops == 1) {
            EventLoop l = EventLoop.startThread("coro4j-" + getClass().getSimpleName());
            try {
                TcpServer s = l.submit(() -> {
                    try {
                        TcpServer bound = TcpServer.bind(address);
                        bound.serve(handler);
                        return Task.completed(bound);
                    } catch (IOException e) {
                        return Task.<TcpServer>failed(e);
                    }
                }).get();
                loop = l;
                server = s;
                return s.localAddress().getPort();
            } catch (ExecutionException e) {
                l.close();
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                l.close();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting", e);
            }
        }
        EventLoopGroup g = new EventLoopGroup(loops);
        try {
            groupServer = g.serve(address, handler::apply);
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        group = g;
        return groupServer.localAddress().getPort();
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            TcpServer s = server;
            try {
                loop.submit(() -> s.shutdown(GRACE)).join();
            } catch (RuntimeException e) {
                // the loop is closing anyway
            }
            loop.close();
            loop = null;
            server = null;
        }
        if (group != null) {
            groupServer.shutdown(GRACE).join();
            group.close();
            group = null;
            groupServer = null;
        }
    }

    /** A name with the number of loops, such as {@code "coroutine echo (2 loops)"}. */
    protected String name(String what) {
        return "coroutine " + what + " (" + loops + (loops == 1 ? " loop)" : " loops)");
    }

    /** Rethrows an {@link IOException} unchecked (for lambdas). */
    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
