package io.github.coro4j.examples.bothways;

import io.github.coro4j.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A {@link ByteConnection} over a blocking {@link Socket}, for a virtual thread: each call blocks (parking the
 * virtual thread) and returns a completed task, or a failed one with the {@link IOException}. Heap buffers only.
 */
public final class StreamConnection implements ByteConnection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Wraps {@code socket}. */
    public StreamConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public Task<Integer> read(ByteBuffer dst) {
        try {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return Task.completed(n);
        } catch (IOException e) {
            return Task.failed(e);
        }
    }

    @Override
    public Task<Void> write(ByteBuffer src) {
        try {
            out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
            return Task.completed(null);
        } catch (IOException e) {
            return Task.failed(e);
        }
    }

    @Override
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }
}
