package io.github.coro4j.examples.http.coroutine;

import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.withTimeout;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import io.github.coro4j.TaskTimeoutException;
import io.github.coro4j.examples.coroutine.CoroutineServer;
import io.github.coro4j.examples.http.HelloService;
import io.github.coro4j.examples.http.HttpConnection;
import io.github.coro4j.examples.http.HttpLimits;
import io.github.coro4j.examples.http.HttpServerImpl;
import io.github.coro4j.net.TcpSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;

/**
 * The HTTP/1.1 server as coroutines, on one event loop or on N. Each connection is one {@link #serve} task that
 * drives the shared sans-I/O {@link HttpConnection} (the same parser, limits and {@link HelloService} as the
 * virtual-thread and Netty servers): read, let the connection parse and answer every complete request in the
 * buffer (pipelined requests are answered in one write), write, repeat. Keep-alive, {@code Content-Length}
 * bodies, 400 on a malformed request and 431 on oversized headers all come from {@code HttpConnection}.
 */
public final class CoroutineHttpServer extends CoroutineServer implements HttpServerImpl {
    static final int READ_BYTES = 8192;
    // package-private, not private: the generated companion reads them ([CoroPrivateAccess])
    /** How long a closing connection keeps reading what the client still sends (see {@link #drainBriefly}). */
    static final Duration DRAIN_TIME = Duration.ofSeconds(1);

    private final HttpLimits limits;

    /** A server with one loop per available processor and {@link HttpLimits#DEFAULT}. */
    public CoroutineHttpServer() {
        this(defaultLoops(), HttpLimits.DEFAULT);
    }

    /** A server with {@code loops} event loops and the given limits. */
    public CoroutineHttpServer(int loops, HttpLimits limits) {
        super(loops);
        this.limits = limits;
    }

    /** Serves one connection with {@link HelloService} until the client or a response closes it. */
    @Coroutine
    static void serve(TcpSocket socket, HttpLimits limits) {
        HttpConnection http = new HttpConnection(new HelloService(), limits);
        ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
        ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());
        try (socket) {
            while (true) {
                in.clear();
                int n = await(socket.read(in), IOException.class);
                if (n < 0) {
                    return; // the client closed: nothing half-answered is left, every response was written
                }
                in.flip();
                HttpConnection.Progress progress;
                do {
                    progress = http.process(in, out);
                    if (out.position() > 0) {
                        out.flip();
                        await(socket.write(out), IOException.class);
                        out.clear();
                    }
                } while (progress == HttpConnection.Progress.FLUSH_AND_CALL_AGAIN);
                if (progress == HttpConnection.Progress.CLOSE_AFTER_FLUSH) {
                    socket.shutdownOutput(); // the client reads the end after the last response
                    await(CoroutineHttpServerCoroutines.drainBriefly(socket, in));
                    return;
                }
            }
        } catch (IOException e) {
            // reset by the client, ...: this connection only
        }
    }

    /**
     * Reads and drops what the client still sends, for at most {@link #DRAIN_TIME} and 64 KiB, before the socket
     * is closed: closing with unread input would reset the connection and could destroy the last response
     * before the client reads it (the same courtesy as the virtual-thread server's).
     */
    @Coroutine
    static void drainBriefly(TcpSocket socket, ByteBuffer buffer) {
        long budget = 64 * 1024;
        try {
            while (budget > 0) {
                buffer.clear();
                int n = await(withTimeout(DRAIN_TIME, socket.read(buffer)), IOException.class);
                if (n < 0) {
                    return;
                }
                budget -= n;
            }
        } catch (IOException | TaskTimeoutException e) {
            // gone or silent: close now
        }
    }

    @Override
    protected Function<TcpSocket, Task<?>> handler() {
        HttpLimits l = limits;
        return socket -> CoroutineHttpServerCoroutines.serve(socket, l);
    }

    @Override
    public String name() {
        return name("http");
    }
}
