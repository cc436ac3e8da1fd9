package io.github.coro4j.examples.client;

import static io.github.coro4j.Coro.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.Coroutine;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.examples.http.HttpLimits;
import io.github.coro4j.examples.http.coroutine.CoroutineHttpServer;
import io.github.coro4j.net.TcpServer;
import io.github.coro4j.net.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The concurrent client against the coroutine HTTP server, a flaky server and a silent one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoroutineClientTest {
    private static final CoroutineClient.Options OPTIONS =
            new CoroutineClient.Options(50, Duration.ofSeconds(5), 3, Duration.ofMillis(5));

    @Test
    void thousandRequestsAtMostFiftyInFlight() throws Exception {
        CoroutineHttpServer server = new CoroutineHttpServer(1, HttpLimits.DEFAULT);
        int port = server.start(0);
        try {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            CoroutineClient.Summary summary = EventLoop.run(
                    () -> CoroutineClientCoroutines.fetchAll(address, "/", 1000, OPTIONS));
            assertEquals(1000, summary.ok(), summary.toString());
            assertEquals(0, summary.failed());
            assertTrue(summary.maxInFlight() <= 50 && summary.maxInFlight() > 1, summary.toString());
            assertEquals("Hello, World!", summary.results().get(999).body());
        } finally {
            server.stop();
        }
    }

    /** Resets the first 30 connections at once, answers the rest with a fixed response. */
    @Coroutine
    static void flaky(TcpSocket socket, int[] connections) {
        connections[0]++;
        if (connections[0] <= 30) {
            socket.abort();
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            await(socket.read(buf), IOException.class); // the request (small: one read)
            byte[] response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .getBytes(StandardCharsets.US_ASCII);
            await(socket.write(ByteBuffer.wrap(response)), IOException.class);
        } catch (IOException e) {
            // the client gave up
        }
    }

    /** Reads and never answers. */
    @Coroutine
    static void silent(TcpSocket socket) {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        try {
            while (await(socket.read(buf), IOException.class) >= 0) {
                buf.clear();
            }
        } catch (IOException e) {
            // the client gave up
        }
    }

    /** Serves with {@code handler} on this loop, runs the client against it, shuts the server down. */
    @Coroutine
    static CoroutineClient.Summary against(Function<TcpSocket, Task<Void>> handler, int n,
                                            CoroutineClient.Options options) throws IOException {
        TcpServer server = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
        server.serve(handler);
        try {
            Task<CoroutineClient.Summary> run = CoroutineClientCoroutines.fetchAll(server.localAddress(), "/", n,
                    options);
            return await(run);
        } finally {
            await(server.shutdown(Duration.ZERO));
        }
    }

    @Test
    void retriesAfterResets() {
        int[] connections = new int[1];
        // Processor workaround: the handler lambda is a typed local. Passed inline as an argument of the companion
        // factory (against(socket -> ...flaky(socket, connections), ...)), javac crashes with
        // "AssertionError: Incorrect number of arguments" in TransTypes (JDK 17 and 25), see the coex report.
        Function<TcpSocket, Task<Void>> handler = socket -> CoroutineClientTestCoroutines.flaky(socket, connections);
        CoroutineClient.Summary summary = EventLoop.run(
                () -> CoroutineClientTestCoroutines.against(handler, 100, OPTIONS));
        assertEquals(100, summary.ok(), summary.toString());
        assertEquals(30, summary.retries(), "the first 30 attempts were reset, their retries answered");
        assertEquals(130, connections[0], "one connection per attempt");
    }

    @Test
    void timesOutAndGivesUpAfterTheLastAttempt() {
        CoroutineClient.Options options = new CoroutineClient.Options(10, Duration.ofMillis(100), 2,
                Duration.ofMillis(10));
        long start = System.nanoTime();
        Function<TcpSocket, Task<Void>> handler = CoroutineClientTestCoroutines::silent; // same workaround
        CoroutineClient.Summary summary = EventLoop.run(
                () -> CoroutineClientTestCoroutines.against(handler, 20, options));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(20, summary.failed(), summary.toString());
        assertEquals(20, summary.retries(), "one retry each");
        CoroutineClient.Result r = summary.results().get(0);
        assertEquals(-1, r.status());
        assertTrue(r.failure().contains("TaskTimeoutException"), r.failure());
        // 20 requests, 10 at a time, 2 attempts of 100 ms: about 2 * (200 + 10) ms; bounded loosely for a busy machine
        assertTrue(millis >= 400 && millis < 20_000, millis + " ms");
    }
}
