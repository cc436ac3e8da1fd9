package io.github.coro4j.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.http.HelloService;
import io.github.coro4j.examples.http.HttpResponseWriter;
import io.github.coro4j.examples.http.VirtualThreadHttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentClientTest {
    @Test
    void thousandRequestsWithBoundedConcurrency() throws Exception {
        VirtualThreadHttpServer server = new VirtualThreadHttpServer();
        int port = server.start(0);
        try {
            ClientSummary summary = new ConcurrentClient(50, Duration.ofSeconds(10), 3, Duration.ofMillis(10))
                    .getMany(URI.create("http://127.0.0.1:" + port + "/"), 1_000);
            assertEquals(1_000, summary.succeeded(), summary.toString());
            assertEquals(0, summary.failed());
            assertTrue(summary.maxInFlight() <= 50 && summary.maxInFlight() >= 1, summary.toString());
        } finally {
            server.stop();
        }
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HelloService hello = new HelloService();
        VirtualThreadHttpServer flaky = new VirtualThreadHttpServer(io.github.coro4j.examples.http.HttpLimits.DEFAULT,
                (request, out, close) -> {
                    if (calls.incrementAndGet() <= 3) { // the first three calls fail: no request can fail 4 times
                        HttpResponseWriter.writeError(out, 500);
                    } else {
                        hello.respond(request, out, close);
                    }
                });
        int port = flaky.start(0);
        try {
            ClientSummary summary = new ConcurrentClient(10, Duration.ofSeconds(10), 4, Duration.ofMillis(1))
                    .getMany(URI.create("http://127.0.0.1:" + port + "/"), 100);
            assertEquals(100, summary.succeeded(), summary.toString());
            assertTrue(summary.retries() >= 3, summary.toString());
        } finally {
            flaky.stop();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinBounds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 100, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept(); // accept and never answer
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            });
            long start = System.nanoTime();
            ClientSummary summary = new ConcurrentClient(5, Duration.ofMillis(200), 2, Duration.ofMillis(10))
                    .getMany(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), 10);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(10, summary.failed(), summary.toString());
            assertEquals(20, summary.timeouts(), summary.toString());
            assertEquals(10, summary.retries(), summary.toString());
            // 10 requests, 5 at a time, 2 attempts of 200 ms each: about 1 s, far below the sum of all timeouts
            assertTrue(millis < 10_000, "took " + millis + " ms");
            silent.close();
            acceptor.join(5_000);
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
