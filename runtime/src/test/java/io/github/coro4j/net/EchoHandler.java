package io.github.coro4j.net;

import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.nio.ByteBuffer;

/** A hand-written coroutine shaped like generated code: read, write back, until end of stream. */
public final class EchoHandler extends StateMachine<Void> {
    private final TcpSocket socket;
    private final ByteBuffer buf;

    EchoHandler(TcpSocket socket, int bufferSize) {
        this.socket = socket;
        this.buf = ByteBuffer.allocate(bufferSize);
    }

    /** The companion factory a user would pass to serve(). */
    static Task<Void> handle(TcpSocket socket) {
        return handle(socket, 8192);
    }

    /** The same with a buffer of {@code bufferSize} bytes (the echo benchmark uses 16 KiB). */
    public static Task<Void> handle(TcpSocket socket, int bufferSize) {
        return new EchoHandler(socket, bufferSize).start();
    }

    @Override
    protected Object step() {
        for (;;) {
            switch (state) {
                case 0:
                    buf.clear();
                    if (suspend(socket.read(buf), 1)) {
                        return SUSPENDED;
                    }
                    // fall through
                case 1: {
                    int n = resume();
                    if (n < 0) {
                        return null;
                    }
                    buf.flip();
                    if (suspend(socket.write(buf), 2)) {
                        return SUSPENDED;
                    }
                }
                // fall through
                case 2:
                    resume();
                    state = 0;
                    break;
                default:
                    throw new IllegalStateException("state " + state);
            }
        }
    }
}
