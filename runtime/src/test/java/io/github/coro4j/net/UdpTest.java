package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.eventually;
import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UdpTest {
    EventLoop loop;

    @BeforeEach
    void start() {
        loop = EventLoop.startThread("udp-test");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    static void echoForever(UdpSocket s, ByteBuffer buf) {
        buf.clear();
        s.receive(buf).onComplete(t -> {
            if (t.isFailed() || t.isCancelled()) {
                return;
            }
            SocketAddress from = t.result();
            buf.flip();
            s.send(buf, from).onComplete(w -> echoForever(s, buf));
        });
    }

    @Test
    void datagramEcho() throws Exception {
        UdpSocket server = onLoop(loop, () -> {
            UdpSocket s = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
            echoForever(s, ByteBuffer.allocate(1500));
            return s;
        });
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(2000);
            for (int i = 0; i < 100; i++) {
                byte[] msg = ("datagram " + i).getBytes(StandardCharsets.UTF_8);
                client.send(new DatagramPacket(msg, msg.length, server.localAddress()));
                DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
                client.receive(reply);
                assertEquals("datagram " + i, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            }
        }
        onLoop(loop, () -> {
            server.close();
            return null;
        });
    }

    @Test
    void loopToLoopAndCloseFailsAPendingReceive() throws Exception {
        CompletableFuture<String> got = new CompletableFuture<>();
        AtomicReference<Task<SocketAddress>> pending = new AtomicReference<>();
        onLoop(loop, () -> {
            UdpSocket a = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
            UdpSocket b = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0));
            ByteBuffer buf = ByteBuffer.allocate(100);
            b.receive(buf).onComplete(t -> {
                buf.flip();
                got.complete(StandardCharsets.UTF_8.decode(buf) + " from " + t.result().equals(a.localAddress()));
                b.close();
                pending.set(a.receive(ByteBuffer.allocate(10)));
                a.close();
            });
            a.send(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)), b.localAddress());
            return null;
        });
        assertEquals("hi from true", got.get(5, TimeUnit.SECONDS));
        assertTrue(eventually(2000, () -> pending.get() != null && onLoop(loop, () -> pending.get().isDone())));
        assertInstanceOf(ClosedChannelException.class, onLoop(loop, () -> pending.get().exception()));
        assertEquals(0, (int) onLoop(loop, loop::registeredChannels));
    }
}
