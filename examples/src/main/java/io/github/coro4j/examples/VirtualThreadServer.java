package io.github.coro4j.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocking, thread-per-connection server style on virtual threads: one virtual thread accepts, and each
 * accepted connection gets a virtual thread of its own that runs {@link #serve(Socket)} with plain blocking
 * {@code java.net} calls. {@link #stop()} closes the listener and every open connection, then waits for the
 * threads to end.
 */
public abstract class VirtualThreadServer implements LoopbackServer {
    /** A connection idle this long is closed. */
    protected static final int IDLE_TIMEOUT_MILLIS = 60_000;
    private static final int BACKLOG = 4096;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private Thread acceptor;

    @Override
    public final synchronized int start(int port) throws IOException {
        if (listener != null) {
            throw new IllegalStateException(name() + " already started");
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        listener = socket;
        acceptor = Thread.ofVirtual().name(name() + "-acceptor").start(this::acceptLoop);
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        ServerSocket socket = listener;
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                pause(); // for example too many open files: back off instead of spinning
                continue;
            }
            open.add(connection);
            Thread handler = Thread.ofVirtual().unstarted(() -> handle(connection));
            handlers.add(handler);
            handler.start();
            if (socket.isClosed()) {
                close(connection); // stop() may have missed it
            }
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            serve(connection);
        } catch (SocketTimeoutException | SocketException e) {
            // idle timeout, reset by the peer, or closed by stop(): the connection ends
        } catch (IOException | RuntimeException e) {
            System.err.println(name() + ": connection failed: " + e);
        } finally {
            open.remove(connection);
            handlers.remove(Thread.currentThread());
        }
    }

    /** Serves one connection until the peer closes it; the socket is closed afterwards. */
    protected abstract void serve(Socket connection) throws IOException;

    @Override
    public final void stop() {
        ServerSocket socket;
        Thread accepting;
        synchronized (this) {
            socket = listener;
            accepting = acceptor;
            if (socket == null || socket.isClosed()) {
                return;
            }
            close(socket);
        }
        join(accepting);
        for (Socket connection : open) {
            close(connection);
        }
        for (Thread handler : handlers) {
            join(handler);
        }
    }

    /** How many connections are open now. */
    public int openConnections() {
        return open.size();
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
