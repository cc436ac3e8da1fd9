package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.eventually;
import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Backpressure, cancellation and descriptor hygiene. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpResourceTest {
    static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    /** Writes 64 KiB chunks until {@code limit} bytes were taken, counting what the socket accepted. */
    static final class Flood extends StateMachine<Void> {
        final TcpSocket socket;
        final AtomicLong taken;
        final long limit;
        final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);

        Flood(TcpSocket socket, AtomicLong taken, long limit) {
            this.socket = socket;
            this.taken = taken;
            this.limit = limit;
        }

        @Override
        protected Object step() {
            for (;;) {
                if (state == 1) {
                    resume();
                    taken.addAndGet(chunk.capacity());
                }
                if (taken.get() >= limit) {
                    return null;
                }
                chunk.clear();
                if (suspend(socket.write(chunk), 1)) {
                    return SUSPENDED;
                }
            }
        }
    }

    @Test
    void aClientThatNeverReadsSuspendsTheWriterWithBoundedMemory() throws Exception {
        EventLoop loop = EventLoop.startThread("backpressure");
        try {
            AtomicLong taken = new AtomicLong();
            AtomicReference<TcpSocket> serverSide = new AtomicReference<>();
            AtomicReference<Task<Void>> writer = new AtomicReference<>();
            long total = 256L * 1024 * 1024; // far more than any kernel buffer
            TcpServer server = onLoop(loop, () -> {
                TcpServer s = TcpServer.bind(ANY_LOCAL);
                s.serve(sock -> {
                    serverSide.set(sock);
                    Task<Void> t = new Flood(sock, taken, total).start();
                    writer.set(t);
                    return t;
                });
                return s;
            });
            try (Socket c = new Socket()) {
                c.setReceiveBufferSize(64 * 1024);
                c.connect(server.localAddress(), 5000);
                // let the writer run into the full socket, then check it is parked with a bounded buffer
                long settled = -1;
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(20);
                    long now = taken.get();
                    if (now == settled) {
                        break;
                    }
                    settled = now;
                }
                assertTrue(taken.get() < 32L * 1024 * 1024,
                        "the writer must stop once kernel buffers and the outgoing buffer are full, took " + taken);
                assertFalse(onLoop(loop, () -> writer.get().isDone()), "the writer is suspended");
                int buffered = onLoop(loop, () -> serverSide.get().bufferedBytes());
                assertTrue(buffered > 0 && buffered <= TcpSocket.DEFAULT_HIGH_WATER,
                        "outgoing buffer within the high-water mark: " + buffered);
                long before = taken.get();
                // now read a few MiB: the writer resumes
                InputStream in = c.getInputStream();
                byte[] sink = new byte[64 * 1024];
                long read = 0;
                while (read < 4L * 1024 * 1024) {
                    int n = in.read(sink);
                    assertTrue(n > 0);
                    read += n;
                }
                assertTrue(eventually(5000, () -> taken.get() > before), "the writer resumed after draining");
                c.setSoLinger(true, 0);
            }
            assertTrue(eventually(5000, () -> onLoop(loop, () -> writer.get().isDone())));
            assertTrue(onLoop(loop, () -> writer.get().isFailed()), "the reset fails the pending write");
            onLoop(loop, () -> server.shutdown(Duration.ZERO));
        } finally {
            loop.close();
        }
    }

    /** One full scenario: server, client, a read cancelled while blocked, everything closed. */
    static void cancelScenario(boolean check) throws Exception {
        EventLoop loop = EventLoop.startThread("cancel-scenario");
        try {
            TcpServer server = onLoop(loop, () -> TcpServer.bind(ANY_LOCAL));
            AtomicReference<TcpSocket> accepted = new AtomicReference<>();
            onLoop(loop, () -> server.accept().onComplete(t -> accepted.set(t.result())));
            int port = server.localAddress().getPort();
            TcpSocket client = NetTestSupport.await(loop,
                    () -> TcpSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)));
            assertTrue(eventually(5000, () -> accepted.get() != null));
            TcpSocket s = accepted.get();
            AtomicReference<Task<Integer>> read = new AtomicReference<>();
            int registered = onLoop(loop, () -> {
                read.set(s.read(ByteBuffer.allocate(16)));
                return loop.registeredChannels();
            });
            if (check) {
                // the listener left the selector when the single accept completed? It stays registered with
                // no interest until closed; what matters is the accepted socket's registration.
                assertTrue(registered >= 1);
            }
            onLoop(loop, () -> read.get().cancel());
            assertTrue(eventually(2000, () -> onLoop(loop, () -> read.get().isDone())));
            assertTrue(onLoop(loop, () -> read.get().isCancelled()));
            if (check) {
                assertEquals(registered - 1, (int) onLoop(loop, () -> loop.registeredChannels()),
                        "the cancelled read released its registration");
            }
            onLoop(loop, () -> {
                s.close();
                client.close();
                server.close();
                return null;
            });
            if (check) {
                assertEquals(0, (int) onLoop(loop, () -> loop.registeredChannels()), "no keys left");
            }
        } finally {
            loop.close();
        }
    }

    @Test
    void cancellingABlockedReadReleasesItsRegistrationAndNoDescriptorLeaks() throws Exception {
        Assumptions.assumeTrue(NetTestSupport.openFds() >= 0, "needs /proc/self/fd");
        cancelScenario(false); // warm up: classes loaded, pools started
        System.gc();
        int before = NetTestSupport.openFds();
        for (int i = 0; i < 5; i++) {
            cancelScenario(true);
        }
        assertTrue(eventually(2000, () -> NetTestSupport.openFds() <= before),
                () -> "descriptors leaked: " + before + " before, " + NetTestSupport.openFds() + " after");
    }
}
