package io.github.coro4j.examples.bothways;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.examples.http.HelloService;
import io.github.coro4j.examples.http.HttpConnection;
import io.github.coro4j.examples.http.HttpLimits;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One {@code @Coroutine} HTTP handler source, run two ways (issue 5, "beyond"):
 * <ul>
 * <li>as a state machine on an event loop: the generated factory {@code BothWaysCoroutines.serve(conn, limits)}
 *     with a {@link LoopConnection}, where each {@code await} may suspend ({@link LoopBothWaysServer});
 * <li>as the original method, called directly, {@code BothWays.serve(conn, limits)}, on a virtual thread with a
 *     {@link StreamConnection} whose tasks are already complete when returned, because the blocking call parks the
 *     virtual thread instead ({@link ThreadBothWaysServer}).
 * </ul>
 * The body is compiled once by javac as written (the original) and once transformed by the processor (the
 * companion); the logic, the parser and the answers are the same. The price of running it directly: nothing may
 * need the loop (no {@code sleep}, {@code withTimeout}, or loop-bound primitives), since there is none.
 */
public final class BothWays {
    static final int READ_BYTES = 8192;

    private BothWays() {
    }

    /** Serves HTTP/1.1 with {@link HelloService} on {@code conn} until the client or a response ends it. */
    @Coroutine
    static void serve(ByteConnection conn, HttpLimits limits) {
        HttpConnection http = new HttpConnection(new HelloService(), limits);
        ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
        ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());
        try {
            while (true) {
                in.clear();
                int n = await(conn.read(in), IOException.class);
                if (n < 0) {
                    return;
                }
                in.flip();
                HttpConnection.Progress progress;
                do {
                    progress = http.process(in, out);
                    if (out.position() > 0) {
                        out.flip();
                        await(conn.write(out), IOException.class);
                        out.clear();
                    }
                } while (progress == HttpConnection.Progress.FLUSH_AND_CALL_AGAIN);
                if (progress == HttpConnection.Progress.CLOSE_AFTER_FLUSH) {
                    conn.shutdownOutput();
                    // read what the client still sends, a little, so that closing does not reset the connection
                    for (int i = 0; i < 8 && n >= 0; i++) {
                        in.clear();
                        n = await(conn.read(in), IOException.class);
                    }
                    return;
                }
            }
        } catch (IOException e) {
            // reset by the client, ...: this connection only
        }
    }
}
