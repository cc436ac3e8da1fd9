package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS over SSLEngine, against real TLS clients (openssl s_client, curl) and against itself. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTest {
    static Path dir;
    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void keys() throws Exception {
        dir = Files.createTempDirectory("coro4j-tls");
        Path ks = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(ks.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    EventLoop loop;

    @BeforeEach
    void start() {
        loop = EventLoop.startThread("tls-test");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    static SSLEngine serverEngine() {
        SSLEngine e = serverContext.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    /**
     * A TLS server handler shaped like generated code: handshake, then read up to the end of a request
     * (a line, or an HTTP header block), answer, close with close_notify. With {@code echo}, echoes until the
     * peer's close_notify instead.
     */
    static final class Handler extends StateMachine<Void> {
        final TcpSocket tcp;
        final boolean http;
        final boolean echo;
        final ByteBuffer buf = ByteBuffer.allocate(32 * 1024);
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        TlsSocket tls;

        Handler(TcpSocket tcp, boolean http, boolean echo) {
            this.tcp = tcp;
            this.http = http;
            this.echo = echo;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(TlsSocket.handshake(tcp, serverEngine()), 1)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 1:
                        tls = resume();
                        state = 2;
                        // fall through
                    case 2:
                        buf.clear();
                        if (suspend(tls.read(buf), 3)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 3: {
                        int n = resume();
                        if (n < 0) {
                            tls.close();
                            return null;
                        }
                        buf.flip();
                        if (echo) {
                            if (suspend(tls.write(buf), 4)) {
                                return SUSPENDED;
                            }
                            resume();
                            state = 2;
                            continue;
                        }
                        request.write(buf.array(), 0, buf.limit());
                        String text = request.toString(StandardCharsets.UTF_8);
                        String answer;
                        if (http && text.contains("\r\n\r\n")) {
                            answer = "HTTP/1.1 200 OK\r\nContent-Length: 14\r\nConnection: close\r\n\r\nhello over tls";
                        } else if (!http && text.contains("\n")) {
                            answer = "echo: " + text;
                        } else {
                            state = 2;
                            continue;
                        }
                        if (suspend(tls.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8))), 5)) {
                            return SUSPENDED;
                        }
                        resume();
                        tls.close();
                        return null;
                    }
                    case 4:
                        resume();
                        state = 2;
                        continue;
                    default:
                        resume();
                        tls.close();
                        return null;
                }
            }
        }
    }

    TcpServer server(boolean http, boolean echo) throws Exception {
        return onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.serve(sock -> new Handler(sock, http, echo).start());
            return s;
        });
    }

    static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(d, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void opensslSClientTalksToOurServer() throws Exception {
        Assumptions.assumeTrue(installed("openssl"), "skipped: openssl is not installed");
        TcpServer server = server(false, false);
        Process p = new ProcessBuilder("openssl", "s_client", "-connect",
                "127.0.0.1:" + server.localAddress().getPort(), "-quiet").redirectErrorStream(false).start();
        try {
            OutputStream in = p.getOutputStream();
            in.write("hello from openssl\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            // our server answers and sends close_notify; s_client then exits
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "s_client did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("echo: hello from openssl\n", out, () -> "stderr: " + err);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void curlGetsAnHttpsAnswer() throws Exception {
        Assumptions.assumeTrue(installed("curl"), "skipped: curl is not installed");
        TcpServer server = server(true, false);
        Process p = new ProcessBuilder("curl", "-sS", "--insecure", "--max-time", "15",
                "https://127.0.0.1:" + server.localAddress().getPort() + "/").redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("hello over tls", out);
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void ourClientAgainstOurServerOneMebibyteRoundTrip() throws Exception {
        TcpServer server = server(false, true);
        int port = server.localAddress().getPort();
        byte[] data = new byte[1 << 20];
        new java.util.Random(42).nextBytes(data);
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        CompletableFuture<String> protocol = new CompletableFuture<>();
        loop.execute(() -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)).onComplete(c -> {
            SSLEngine engine = clientContext.createSSLEngine("localhost", port);
            engine.setUseClientMode(true);
            TlsSocket.handshake(c.result(), engine).onComplete(h -> {
                if (h.isFailed()) {
                    echoed.completeExceptionally(h.exception());
                    return;
                }
                TlsSocket tls = h.result();
                protocol.complete(tls.session().getProtocol());
                // write everything while reading the echo back
                tls.write(ByteBuffer.wrap(data)).onComplete(w -> {
                    if (w.isFailed()) {
                        echoed.completeExceptionally(w.exception());
                    }
                });
                ByteBuffer back = ByteBuffer.allocate(data.length);
                readAll(tls, back, echoed);
            });
        }));
        assertArrayEquals(data, echoed.get(30, TimeUnit.SECONDS));
        assertTrue(protocol.get().startsWith("TLS"), protocol.get());
    }

    static void readAll(TlsSocket tls, ByteBuffer back, CompletableFuture<byte[]> done) {
        tls.read(back).onComplete(r -> {
            if (r.isFailed()) {
                done.completeExceptionally(r.exception());
            } else if (r.result() < 0 || !back.hasRemaining()) {
                tls.close();
                done.complete(java.util.Arrays.copyOf(back.array(), back.position()));
            } else {
                readAll(tls, back, done);
            }
        });
    }

    @Test
    void aPlainTextClientFailsTheHandshakeAndIsClosed() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.setErrorHandler((m, e) -> { }); // the failed handshake is expected
            s.serve(sock -> {
                Task<TlsSocket> h = TlsSocket.handshake(sock, serverEngine());
                h.onComplete(t -> failure.complete(t.exception()));
                return h; // the connection lives until the handshake is done
            });
            return s;
        });
        try (java.net.Socket c = new java.net.Socket()) {
            c.connect(server.localAddress());
            c.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertTrue(failure.get(10, TimeUnit.SECONDS) instanceof javax.net.ssl.SSLException);
        }
    }

    static void upperLines(StreamReader in, StreamWriter out, TlsSocket tls, io.github.coro4j.Promise<Void> done) {
        in.readLine(100).onComplete(l -> {
            if (l.isFailed() || l.result() == null) {
                tls.close();
                done.complete(null);
                return;
            }
            out.writeLine(l.result().toUpperCase(java.util.Locale.ROOT));
            out.flush().onComplete(f -> upperLines(in, out, tls, done));
        });
    }

    @Test
    void streamsOverTls() throws Exception {
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.serve(sock -> {
                io.github.coro4j.Promise<Void> done = new io.github.coro4j.Promise<>();
                TlsSocket.handshake(sock, serverEngine()).onComplete(h -> {
                    TlsSocket tls = h.result();
                    upperLines(new StreamReader(tls), new StreamWriter(tls), tls, done);
                });
                return done;
            });
            return s;
        });
        int port = server.localAddress().getPort();
        CompletableFuture<String> answers = new CompletableFuture<>();
        loop.execute(() -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)).onComplete(c -> {
            SSLEngine engine = clientContext.createSSLEngine("localhost", port);
            engine.setUseClientMode(true);
            TlsSocket.handshake(c.result(), engine).onComplete(h -> {
                TlsSocket tls = h.result();
                StreamWriter out = new StreamWriter(tls);
                StreamReader in = new StreamReader(tls);
                out.writeLine("first line").writeLine("zweite Zeile: ä");
                out.flush().onComplete(f -> in.readLine(100).onComplete(a -> in.readLine(100).onComplete(b -> {
                    tls.close();
                    answers.complete(a.result() + "|" + b.result());
                })));
            });
        }));
        assertEquals("FIRST LINE|ZWEITE ZEILE: Ä", answers.get(20, TimeUnit.SECONDS));
    }
}
