package io.github.coro4j.examples.echo.coroutine;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import io.github.coro4j.examples.coroutine.CoroutineServer;
import io.github.coro4j.examples.echo.EchoServerImpl;
import io.github.coro4j.net.TcpSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * The echo server as a coroutine: one {@link #handle} task per connection, on one event loop
 * ({@code new CoroutineEchoServer(1)}) or on N ({@code new CoroutineEchoServer(n)}, an
 * {@link io.github.coro4j.net.EventLoopGroup}). The handler is the one of docs/networking.md: read, write back,
 * until the peer ends the stream. The generated companion {@code CoroutineEchoServerCoroutines} has the factory
 * {@code handle(TcpSocket)} that {@code TcpServer.serve} calls for each connection.
 */
public final class CoroutineEchoServer extends CoroutineServer implements EchoServerImpl {
    /** The size of each connection's read buffer. */
    static final int BUFFER_BYTES = 8192;

    /** A server with one loop per available processor. */
    public CoroutineEchoServer() {
        this(defaultLoops());
    }

    /** A server with {@code loops} event loops. */
    public CoroutineEchoServer(int loops) {
        super(loops);
    }

    /**
     * Echoes one connection until the peer closes it. {@code write} completes as soon as the kernel (or the
     * socket's bounded outgoing buffer) took the bytes, so a fast client costs no extra suspension; a client that
     * does not read makes it wait at the high-water mark, which bounds memory per connection.
     */
    @Coroutine
    static void handle(TcpSocket socket) {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
        try (socket) {
            while (true) {
                buf.clear();
                int n = await(socket.read(buf), IOException.class); // -1 at end of stream
                if (n < 0) {
                    return;
                }
                buf.flip();
                await(socket.write(buf), IOException.class);
            }
        } catch (IOException e) {
            // reset by the peer, closed while reading, ...: this connection only
        }
    }

    @Override
    protected Function<TcpSocket, Task<?>> handler() {
        return CoroutineEchoServerCoroutines::handle;
    }

    @Override
    public String name() {
        return name("echo");
    }
}
