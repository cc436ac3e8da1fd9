package io.github.coro4j.examples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.TestClients;
import io.github.coro4j.examples.echo.coroutine.CoroutineEchoServer;
import io.github.coro4j.examples.netty.NettyEchoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every echo server variant, started on an ephemeral port and driven by blocking clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EchoServersTest {
    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("virtual threads", (Supplier<EchoServerImpl>) VirtualThreadEchoServer::new),
                Arguments.of("nio floor", (Supplier<EchoServerImpl>) NioEchoServer::new),
                Arguments.of("netty", (Supplier<EchoServerImpl>) () -> new NettyEchoServer(2)),
                Arguments.of("coroutines, 1 loop", (Supplier<EchoServerImpl>) () -> new CoroutineEchoServer(1)),
                Arguments.of("coroutines, 2 loops", (Supplier<EchoServerImpl>) () -> new CoroutineEchoServer(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void echoesManyClientsAndStopsCleanly(String name, Supplier<EchoServerImpl> factory) throws Exception {
        long descriptorsBefore = TestClients.openDescriptors();
        EchoServerImpl server = factory.get();
        int port = server.start(0);
        try {
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                clients.add(TestClients.connect(port));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    byte[] message = ("message " + round + " from " + i).getBytes();
                    clients.get(i).getOutputStream().write(message);
                    assertArrayEquals(message, TestClients.readExactly(clients.get(i).getInputStream(),
                            message.length));
                }
            }
            for (Socket client : clients) {
                client.close();
            }
            bigPayloadWhileReadingConcurrently(port);
        } finally {
            server.stop();
        }
        server.stop(); // idempotent
        assertThrows(ConnectException.class, () -> TestClients.connect(port).close(), "listener closed");
        if (descriptorsBefore >= 0) {
            // closed sockets may linger a moment in the JDK before their descriptor is released
            long after = TestClients.openDescriptors();
            for (int i = 0; i < 50 && after > descriptorsBefore + 2; i++) {
                Thread.sleep(20);
                after = TestClients.openDescriptors();
            }
            assertTrue(after <= descriptorsBefore + 2, name + " leaked descriptors: " + descriptorsBefore + " -> "
                    + after);
        }
        assertEquals(List.of(), TestClients.threadsNamed("nio-echo"));
        assertEquals(List.of(), TestClients.threadsNamed("EventLoopGroup"), "Netty's loops ended");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void stopClosesConnectionsStillOpen(String name, Supplier<EchoServerImpl> factory) throws Exception {
        EchoServerImpl server = factory.get();
        int port = server.start(0);
        try (Socket client = TestClients.connect(port)) {
            client.getOutputStream().write(1);
            assertEquals(1, client.getInputStream().read());
            server.stop();
            assertEquals(-1, readOrReset(client.getInputStream()), name + ": the open connection ends on stop");
        } finally {
            server.stop();
        }
    }

    private static int readOrReset(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1; // a reset also ends it
        }
    }

    /** 4 MiB through one connection, written and read at once: the server must not deadlock or lose bytes. */
    private static void bigPayloadWhileReadingConcurrently(int port) throws Exception {
        byte[] payload = new byte[4 << 20];
        new Random(42).nextBytes(payload);
        try (Socket client = TestClients.connect(port)) {
            OutputStream out = client.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int off = 0; off < payload.length; off += 65536) {
                        out.write(payload, off, Math.min(65536, payload.length - off));
                    }
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] echoed = client.getInputStream().readAllBytes();
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(payload, echoed);
        }
    }
}
