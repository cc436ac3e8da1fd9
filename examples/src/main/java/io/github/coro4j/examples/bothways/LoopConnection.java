package io.github.coro4j.examples.bothways;

import io.github.coro4j.Task;
import io.github.coro4j.net.TcpSocket;
import java.nio.ByteBuffer;

/** A {@link ByteConnection} over a loop's {@link TcpSocket}: its tasks complete when the selector says so. */
public final class LoopConnection implements ByteConnection {
    private final TcpSocket socket;

    /** Wraps {@code socket}. */
    public LoopConnection(TcpSocket socket) {
        this.socket = socket;
    }

    @Override
    public Task<Integer> read(ByteBuffer dst) {
        return socket.read(dst);
    }

    @Override
    public Task<Void> write(ByteBuffer src) {
        return socket.write(src);
    }

    @Override
    public void shutdownOutput() {
        socket.shutdownOutput();
    }
}
