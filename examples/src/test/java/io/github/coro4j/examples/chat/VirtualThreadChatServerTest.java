package io.github.coro4j.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.TestClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualThreadChatServerTest {
    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void awaitClients(VirtualThreadChatServer server, int n) throws InterruptedException {
        for (int i = 0; i < 500 && server.clients() != n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, server.clients());
    }

    @Test
    void aLineReachesEveryOtherClient() throws Exception {
        VirtualThreadChatServer server = new VirtualThreadChatServer();
        int port = server.start(0);
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(TestClients.connect(port));
            }
            awaitClients(server, 200);
            OutputStream speaker = clients.get(0).getOutputStream();
            speaker.write("hello, room\r\n".getBytes(StandardCharsets.US_ASCII));
            for (Socket listener : clients.subList(1, clients.size())) {
                String line = reader(listener).readLine();
                assertTrue(line.matches("\\d+: hello, room"), line);
            }
            clients.get(0).setSoTimeout(200);
            assertTrue(readTimesOut(clients.get(0)), "the speaker does not hear itself");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            server.stop();
        }
        assertEquals(0, server.clients());
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedAndOthersGoOn() throws Exception {
        VirtualThreadChatServer server = new VirtualThreadChatServer(8);
        int port = server.start(0);
        try (Socket speaker = TestClients.connect(port);
             Socket reading = TestClients.connect(port);
             Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            awaitClients(server, 3);
            BufferedReader fast = reader(reading);
            byte[] line = ("x".repeat(1000) + "\n").getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            // the stalled client's socket buffers and queue of 8 fill up: it is dropped, the others go on
            while (server.clients() == 3 && sent < 100_000) {
                speaker.getOutputStream().write(line);
                sent++;
                assertTrue(fast.readLine().endsWith("x"));
            }
            assertEquals(2, server.clients(), "the stalled client was disconnected after " + sent + " lines");
            speaker.getOutputStream().write("still here\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(fast.readLine().endsWith(": still here"));
        } finally {
            server.stop();
        }
    }

    @Test
    void anOverlongLineEndsThatConnection() throws Exception {
        VirtualThreadChatServer server = new VirtualThreadChatServer();
        int port = server.start(0);
        try (Socket client = TestClients.connect(port)) {
            client.getOutputStream().write(new byte[VirtualThreadChatServer.MAX_LINE_BYTES + 1]);
            assertEquals("", TestClients.readToEnd(client.getInputStream()));
            awaitClients(server, 0);
        } finally {
            server.stop();
        }
    }

    private static boolean readTimesOut(Socket s) throws IOException {
        try {
            s.getInputStream().read();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }
}
