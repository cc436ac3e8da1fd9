package io.github.coro4j.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.TestClients;
import io.github.coro4j.examples.bothways.LoopBothWaysServer;
import io.github.coro4j.examples.bothways.ThreadBothWaysServer;
import io.github.coro4j.examples.http.coroutine.CoroutineHttpServer;
import io.github.coro4j.examples.netty.NettyHttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every HTTP server variant, started on an ephemeral port and driven by raw sockets and by curl. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpServersTest {
    private static final String HELLO_RESPONSE = "HTTP/1.1 200 OK\r\nServer: coro4j-examples\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\nHello, World!";

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("virtual threads", (Supplier<HttpServerImpl>) VirtualThreadHttpServer::new),
                Arguments.of("netty", (Supplier<HttpServerImpl>) () -> new NettyHttpServer(2, HttpLimits.DEFAULT)),
                Arguments.of("coroutines, 1 loop",
                        (Supplier<HttpServerImpl>) () -> new CoroutineHttpServer(1, HttpLimits.DEFAULT)),
                Arguments.of("coroutines, 2 loops",
                        (Supplier<HttpServerImpl>) () -> new CoroutineHttpServer(2, HttpLimits.DEFAULT)),
                // one @Coroutine source (BothWays.serve) run both ways: state machine on a loop, original on VTs
                Arguments.of("BothWays on the loop",
                        (Supplier<HttpServerImpl>) () -> new LoopBothWaysServer(1, HttpLimits.DEFAULT)),
                Arguments.of("BothWays on virtual threads",
                        (Supplier<HttpServerImpl>) () -> new ThreadBothWaysServer(HttpLimits.DEFAULT)));
    }

    private interface Body {
        void run(int port) throws Exception;
    }

    private static void withServer(Supplier<HttpServerImpl> factory, Body body) throws Exception {
        HttpServerImpl server = factory.get();
        int port = server.start(0);
        try {
            body.run(port);
        } finally {
            server.stop();
        }
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void keepAliveAndPipelining(String name, Supplier<HttpServerImpl> factory) throws Exception {
        withServer(factory, port -> {
            try (Socket socket = TestClients.connect(port)) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                String get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
                for (int i = 0; i < 3; i++) { // keep-alive: one request after another
                    out.write(get.getBytes(StandardCharsets.US_ASCII));
                    assertEquals(HELLO_RESPONSE, ascii(TestClients.readExactly(in, HELLO_RESPONSE.length())));
                }
                out.write(get.repeat(10).getBytes(StandardCharsets.US_ASCII)); // pipelined in one write
                assertEquals(HELLO_RESPONSE.repeat(10),
                        ascii(TestClients.readExactly(in, 10 * HELLO_RESPONSE.length())));
                byte[] split = get.getBytes(StandardCharsets.US_ASCII); // one request in pieces
                for (byte b : split) {
                    out.write(b);
                    out.flush();
                }
                assertEquals(HELLO_RESPONSE, ascii(TestClients.readExactly(in, HELLO_RESPONSE.length())));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void postEchoesItsBody(String name, Supplier<HttpServerImpl> factory) throws Exception {
        withServer(factory, port -> {
            try (Socket socket = TestClients.connect(port)) {
                String body = "z".repeat(10_000);
                socket.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                String response = TestClients.readToEnd(socket.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
                assertTrue(response.contains("Connection: close\r\n"), response);
                assertTrue(response.endsWith("\r\n\r\n" + body), "body echoed");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void malformedAndOversizedRequestsAreRefusedAndClosed(String name, Supplier<HttpServerImpl> factory)
            throws Exception {
        withServer(factory, port -> {
            assertEquals("HTTP/1.1 400 Bad Request", statusLineOf(port, "GARBAGE\r\n\r\n"));
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", statusLineOf(port,
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n"));
            assertEquals("HTTP/1.1 414 URI Too Long", statusLineOf(port,
                    "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            assertEquals("HTTP/1.1 413 Content Too Large", statusLineOf(port,
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n"));
            assertEquals("HTTP/1.1 404 Not Found", statusLineOf(port,
                    "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        });
    }

    /** Sends {@code request} and reads until the server closes; returns the first line. */
    private static String statusLineOf(int port, String request) throws Exception {
        try (Socket socket = TestClients.connect(port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String response = TestClients.readToEnd(socket.getInputStream());
            assertTrue(response.contains("Connection: close\r\n"), response);
            return response.substring(0, response.indexOf("\r\n"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void curlGetsHelloTwiceOnOneConnection(String name, Supplier<HttpServerImpl> factory) throws Exception {
        Assumptions.assumeTrue(TestClients.onPath("curl"), "curl is not installed: skipping the curl test");
        withServer(factory, port -> {
            String url = "http://127.0.0.1:" + port + "/";
            String out = TestClients.run(List.of("curl", "-sS", "-v", "--http1.1", "--max-time", "10", url, url));
            assertTrue(out.contains("Hello, World!Hello, World!") || out.split("Hello, World!", -1).length == 3, out);
            assertTrue(out.contains("Re-using existing connection") || out.contains("Reusing existing"),
                    "curl kept the connection alive:\n" + out);
            String echoed = TestClients.run(List.of("curl", "-sS", "--max-time", "10", "--data-binary", "ping",
                    "http://127.0.0.1:" + port + "/echo"));
            assertEquals("ping", echoed);
        });
    }
}
