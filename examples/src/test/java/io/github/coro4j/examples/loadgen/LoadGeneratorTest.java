package io.github.coro4j.examples.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.echo.NioEchoServer;
import io.github.coro4j.examples.http.VirtualThreadHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {
    @Test
    void closedAndOpenLoopEchoInThisJvm() throws Exception {
        NioEchoServer server = new NioEchoServer();
        int port = server.start(0);
        try {
            LoadResult closed = LoadGenerator.run(new LoadSpec("echo", port, 20, 0, 100, 400, 64));
            assertTrue(closed.completed() > 20, closed.toLine());
            assertEquals(0, closed.errors());
            LoadResult open = LoadGenerator.run(new LoadSpec("echo", port, 20, 2_000, 100, 500, 64));
            assertEquals(0, open.errors());
            // paced by the schedule: about 1,000 messages in 0.5 s, never more (fewer on a busy machine)
            assertTrue(open.completed() > 100 && open.completed() < 1_300, open.toLine());
            assertTrue(open.p50Micros() > 0 && open.p99Micros() >= open.p50Micros(), open.toLine());
        } finally {
            server.stop();
        }
    }

    @Test
    void requestsUnansweredAtTheEndAreChargedInOpenLoop() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        java.net.Socket s = silent.accept();
                        accepted.add(s);
                        // answer the first message (the priming round trip), then never again
                        s.getOutputStream().write(s.getInputStream().readNBytes(64));
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
            // 4 connections at 40/s in all: one request each every 100 ms, 500 ms measured after 100 ms
            LoadResult r = LoadGenerator.run(new LoadSpec("echo", silent.getLocalPort(), 4, 40, 100, 500, 64));
            assertEquals(0, r.completed());
            assertEquals(20, r.unfinished(), r.toLine());
            assertTrue(r.maxMicros() >= 400_000, "the oldest unanswered request waited the whole window: "
                    + r.toLine());
            silent.close();
            acceptor.join(5_000);
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void httpInAChildJvm() throws Exception {
        VirtualThreadHttpServer server = new VirtualThreadHttpServer();
        int port = server.start(0);
        try {
            LoadResult result = LoadGeneratorProcess.run(new LoadSpec("http", port, 10, 0, 100, 500, 1), -1);
            assertTrue(result.completed() > 20, result.toLine());
            assertEquals(0, result.errors());
        } finally {
            server.stop();
        }
    }

    @Test
    void connectionsClosedByTheServerAreCountedOnceAsErrors() throws Exception {
        ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            Thread closer = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        rude.accept().close();
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
            LoadResult result = LoadGenerator.run(new LoadSpec("echo", rude.getLocalPort(), 5, 0, 0, 300, 64));
            assertEquals(5, result.errors(), result.toLine());
            assertEquals(0, result.completed());
            rude.close();
            closer.join(5_000);
        } finally {
            rude.close();
        }
    }

    @Test
    void resultLineRoundTrips() {
        LoadResult r = new LoadResult(10, 1234, 3, 2468.5, 10.5, 20, 30, 40, 50, 1);
        assertEquals(r, LoadResult.parse(r.toLine()));
    }

    @Test
    void httpFramerFindsResponsesAcrossSplits() {
        String two = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n"
                + "content-length: 0\r\n\r\n";
        byte[] bytes = two.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < bytes.length; cut++) {
            HttpResponseFramer framer = new HttpResponseFramer();
            int complete = 0;
            for (ByteBuffer piece : new ByteBuffer[] {ByteBuffer.wrap(bytes, 0, cut),
                ByteBuffer.wrap(bytes, cut, bytes.length - cut)}) {
                while (piece.hasRemaining()) {
                    if (framer.consume(piece)) {
                        complete++;
                    }
                }
            }
            assertEquals(2, complete, "cut at " + cut);
        }
        assertThrows(IllegalStateException.class, () -> new HttpResponseFramer().consume(ByteBuffer.wrap(
                "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void echoFramerChecksEveryByte() {
        EchoFramer framer = new EchoFramer("abc".getBytes(StandardCharsets.US_ASCII));
        assertTrue(!framer.consume(ByteBuffer.wrap(new byte[] {'a', 'b'})));
        assertTrue(framer.consume(ByteBuffer.wrap(new byte[] {'c'})));
        assertThrows(IllegalStateException.class, () -> framer.consume(ByteBuffer.wrap(new byte[] {'x'})));
    }
}
