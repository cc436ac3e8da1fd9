package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.eventually;
import static io.github.coro4j.net.NetTestSupport.get;
import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.TaskTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpTest {
    static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    EventLoop loop;
    final ConcurrentLinkedQueue<Throwable> reported = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        loop = EventLoop.startThread("tcp-test-loop");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    TcpServer echoServer() throws Exception {
        return onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(ANY_LOCAL);
            s.setErrorHandler((m, e) -> reported.add(e == null ? new RuntimeException(m) : e));
            s.serve(EchoHandler::handle);
            return s;
        });
    }

    static Socket client(TcpServer server) throws IOException {
        Socket c = new Socket();
        c.connect(server.localAddress(), 5000);
        c.setSoTimeout(10_000);
        return c;
    }

    static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, "short read");
        return b;
    }

    @Test
    void echoRoundTrips() throws Exception {
        TcpServer server = echoServer();
        try (Socket c = client(server)) {
            OutputStream out = c.getOutputStream();
            InputStream in = c.getInputStream();
            for (int i = 0; i < 200; i++) {
                byte[] msg = ("message " + i + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(msg);
                assertArrayEquals(msg, readN(in, msg.length));
            }
            byte[] big = new byte[1 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            Thread writer = new Thread(() -> {
                try {
                    out.write(big);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            assertArrayEquals(big, readN(in, big.length));
            writer.join();
            c.shutdownOutput();
            assertEquals(-1, in.read(), "the server closes after end of stream");
        }
        assertTrue(eventually(2000, () -> server.connectionCount() == 0));
        assertTrue(reported.isEmpty(), () -> "reported: " + reported);
    }

    @Test
    void manyConcurrentClients() throws Exception {
        TcpServer server = echoServer();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int k = 0; k < 64; k++) {
                int id = k;
                results.add(pool.submit(() -> {
                    try (Socket c = client(server)) {
                        for (int i = 0; i < 50; i++) {
                            byte[] msg = ("client " + id + " msg " + i).getBytes(StandardCharsets.UTF_8);
                            c.getOutputStream().write(msg);
                            if (!java.util.Arrays.equals(msg, readN(c.getInputStream(), msg.length))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clientConnectReadWriteWithOnCompleteChains() throws Exception {
        TcpServer server = echoServer();
        int port = server.localAddress().getPort();
        CompletableFuture<String> reply = new CompletableFuture<>();
        loop.execute(() -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)).onComplete(t -> {
            TcpSocket s = t.result();
            s.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8))).onComplete(w -> {
                ByteBuffer buf = ByteBuffer.allocate(4);
                readFully(s, buf, () -> {
                    s.close();
                    reply.complete(new String(buf.array(), StandardCharsets.UTF_8));
                }, reply);
            });
        }));
        assertEquals("ping", get(reply));
    }

    /** Reads until {@code buf} is full, with an onComplete chain. */
    static void readFully(TcpSocket s, ByteBuffer buf, Runnable then, CompletableFuture<?> failure) {
        s.read(buf).onComplete(r -> {
            if (r.isFailed() || r.result() < 0) {
                failure.completeExceptionally(r.isFailed() ? r.exception() : new IOException("EOF"));
            } else if (buf.hasRemaining()) {
                readFully(s, buf, then, failure);
            } else {
                then.run();
            }
        });
    }

    @Test
    void connectResolvesHostNamesOffTheLoop() throws Exception {
        TcpServer server = echoServer();
        int port = server.localAddress().getPort();
        AtomicReference<String> thread = new AtomicReference<>();
        TcpSocket s = NetTestSupport.await(loop, () -> {
            thread.set(Thread.currentThread().getName());
            return TcpSocket.connect("localhost", port, Duration.ofSeconds(5));
        });
        assertTrue(onLoop(loop, () -> s.remoteAddress().getPort() == port));
        assertTrue(onLoop(loop, () -> s.getOption(java.net.StandardSocketOptions.TCP_NODELAY)));
        onLoop(loop, () -> {
            s.close();
            return null;
        });
    }

    @Test
    void connectRefused() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        Exception e = assertThrows(Exception.class,
                () -> NetTestSupport.await(loop, () -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5))));
        assertInstanceOf(ConnectException.class, e);
        assertEquals(0, (int) onLoop(loop, () -> loop.registeredChannels()));
    }

    @Test
    void connectTimesOutWhenTheBacklogIsFull() throws Exception {
        // A listener that never accepts, with a backlog of 1: once its queue is full the kernel drops SYNs,
        // so a connect hangs until our timeout.
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = ss.getLocalPort();
            List<TcpSocket> connected = new ArrayList<>();
            Exception timeout = null;
            for (int i = 0; i < 10 && timeout == null; i++) {
                try {
                    connected.add(NetTestSupport.await(loop,
                            () -> TcpSocket.connect("127.0.0.1", port, Duration.ofMillis(300))));
                } catch (Exception e) {
                    timeout = e;
                }
            }
            assertInstanceOf(SocketTimeoutException.class, timeout);
            onLoop(loop, () -> {
                connected.forEach(TcpSocket::abort);
                return null;
            });
            assertEquals(0, (int) onLoop(loop, () -> loop.registeredChannels()));
        }
    }

    @Test
    void readTimeoutWithWithTimeoutReleasesTheRegistration() throws Exception {
        TcpServer server = echoServer();
        int port = server.localAddress().getPort();
        TcpSocket s = NetTestSupport.await(loop, () -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)));
        int before = onLoop(loop, () -> loop.registeredChannels());
        Exception e = assertThrows(Exception.class, () -> NetTestSupport.await(loop,
                () -> Coro.withTimeout(Duration.ofMillis(100), s.read(ByteBuffer.allocate(10)))));
        assertInstanceOf(TaskTimeoutException.class, e);
        // the client socket is no longer registered; the server side (listener + accepted socket) still is
        assertTrue(eventually(1000, () -> onLoop(loop, () -> loop.registeredChannels()) == before - 1));
        // and the socket still works afterwards
        NetTestSupport.await(loop, () -> s.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        ByteBuffer in = ByteBuffer.allocate(3);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> readFully(s, in, () -> done.complete(null), done));
        get(done);
        assertArrayEquals(new byte[] {1, 2, 3}, in.array());
        onLoop(loop, () -> {
            s.close();
            return null;
        });
    }

    @Test
    void peerResetFailsThePendingRead() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(ANY_LOCAL);
            s.setErrorHandler((m, e) -> reported.add(e));
            s.serve(sock -> sock.read(ByteBuffer.allocate(100)).onComplete(t -> failure.complete(t.exception())));
            return s;
        });
        Socket c = client(server);
        Thread.sleep(50); // let the server's read suspend
        c.setSoLinger(true, 0);
        c.close();
        Throwable e = failure.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, e, "a reset is an IOException: " + e);
    }

    @Test
    void writeToResetPeerFails() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CountDownLatch accepted = new CountDownLatch(1);
        AtomicReference<TcpSocket> serverSide = new AtomicReference<>();
        TcpServer server = onLoop(loop, () -> TcpServer.bind(ANY_LOCAL));
        loop.execute(() -> server.accept().onComplete(t -> {
            serverSide.set(t.result());
            accepted.countDown();
        }));
        Socket c = client(server);
        assertTrue(accepted.await(5, TimeUnit.SECONDS));
        c.setSoLinger(true, 0);
        c.close();
        Thread.sleep(50);
        loop.execute(() -> writeUntilFailure(serverSide.get(), failure, 0));
        Throwable e = failure.get(10, TimeUnit.SECONDS);
        assertInstanceOf(IOException.class, e);
        onLoop(loop, () -> {
            serverSide.get().close();
            server.close();
            return null;
        });
    }

    static void writeUntilFailure(TcpSocket s, CompletableFuture<Throwable> failure, int round) {
        if (round > 1000) {
            failure.complete(null);
            return;
        }
        s.write(ByteBuffer.allocate(1024)).onComplete(t -> {
            if (t.isFailed()) {
                failure.complete(t.exception());
            } else {
                writeUntilFailure(s, failure, round + 1);
            }
        });
    }

    @Test
    void halfCloseBothWays() throws Exception {
        // The server reads everything until the client's half-close, then answers with the byte count and
        // half-closes itself; the client reads the answer and end of stream.
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(ANY_LOCAL);
            s.serve(sock -> {
                io.github.coro4j.Promise<Void> done = new io.github.coro4j.Promise<>();
                countUntilEof(sock, ByteBuffer.allocate(1000), 0, done);
                return done;
            });
            return s;
        });
        try (Socket c = client(server)) {
            c.getOutputStream().write(new byte[12345]);
            c.shutdownOutput();
            byte[] answer = c.getInputStream().readAllBytes();
            assertEquals("12345", new String(answer, StandardCharsets.UTF_8));
        }
    }

    static void countUntilEof(TcpSocket s, ByteBuffer buf, int total, io.github.coro4j.Promise<Void> done) {
        buf.clear();
        s.read(buf).onComplete(t -> {
            int n = t.result();
            if (n < 0) {
                s.write(ByteBuffer.wrap(Integer.toString(total).getBytes(StandardCharsets.UTF_8)))
                        .onComplete(w -> {
                            s.shutdownOutput();
                            // after our half-close, reading still works: the peer's EOF again
                            s.read(ByteBuffer.allocate(1)).onComplete(r -> done.complete(null));
                        });
            } else {
                countUntilEof(s, buf, total + n, done);
            }
        });
    }

    @Test
    void closeInTheMiddleOfARead() throws Exception {
        TcpServer server = echoServer();
        int port = server.localAddress().getPort();
        TcpSocket s = NetTestSupport.await(loop, () -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        loop.execute(() -> {
            s.read(ByteBuffer.allocate(10)).onComplete(t -> failure.complete(t.exception()));
            loop.callLater(Duration.ofMillis(50), s::close);
        });
        assertInstanceOf(ClosedChannelException.class, failure.get(5, TimeUnit.SECONDS));
        assertThrows(ClosedChannelException.class,
                () -> NetTestSupport.await(loop, () -> s.read(ByteBuffer.allocate(1))));
    }

    @Test
    void handlerFailureStaysInItsConnectionAndIsReported() throws Exception {
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(ANY_LOCAL);
            s.setErrorHandler((m, e) -> reported.add(e));
            s.serve(sock -> {
                if (s.connectionCount() == 0 && reported.isEmpty()) {
                    return Task.failed(new IllegalStateException("boom"));
                }
                return EchoHandler.handle(sock);
            });
            return s;
        });
        try (Socket bad = client(server)) {
            assertEquals(-1, bad.getInputStream().read(), "the failed connection is closed");
        } catch (java.net.SocketException reset) {
            // aborted: a reset is fine too
        }
        assertTrue(eventually(2000, () -> !reported.isEmpty()));
        assertEquals("boom", reported.peek().getMessage());
        try (Socket good = client(server)) {
            good.getOutputStream().write(7);
            assertEquals(7, good.getInputStream().read());
        }
    }

    @Test
    void secondPendingReadIsRejected() throws Exception {
        TcpServer server = echoServer();
        int port = server.localAddress().getPort();
        TcpSocket s = NetTestSupport.await(loop, () -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)));
        Exception e = assertThrows(Exception.class, () -> onLoop(loop, () -> {
            Task<Integer> first = s.read(ByteBuffer.allocate(1));
            try {
                return s.read(ByteBuffer.allocate(1));
            } finally {
                first.cancel();
            }
        }));
        assertInstanceOf(IllegalStateException.class, e);
        onLoop(loop, () -> {
            s.abort();
            return null;
        });
        assertFalse(loop.isClosed());
    }
}
