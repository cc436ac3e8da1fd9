package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.StateMachine;
import io.github.coro4j.Task;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamTest {
    EventLoop loop;

    @BeforeEach
    void start() {
        loop = EventLoop.startThread("stream-test");
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    /**
     * Shaped like generated code for:
     * <pre>
     * while ((line = await(in.readLine(64), IOException.class)) != null) {
     *     out.writeLine(line.toUpperCase()); await(out.flush(), IOException.class);
     * }
     * </pre>
     * with {@code catch (LineTooLongException e)} answering "ERR" and ending.
     */
    static final class Upper extends StateMachine<Void> {
        final StreamReader in;
        final StreamWriter out;
        final AtomicInteger maxBuffered;

        Upper(TcpSocket s, AtomicInteger maxBuffered) {
            this.in = new StreamReader(s, 16);
            this.out = new StreamWriter(s);
            this.maxBuffered = maxBuffered;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (suspend(in.readLine(64), 1)) {
                            return SUSPENDED;
                        }
                        // fall through
                    case 1: {
                        String line;
                        try {
                            line = resume();
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Throwable e) {
                            if (e instanceof LineTooLongException) {
                                maxBuffered.accumulateAndGet(in.buffered(), Math::max);
                                out.writeLine("ERR " + e.getMessage());
                                if (suspend(out.flush(), 3)) {
                                    return SUSPENDED;
                                }
                                return null;
                            }
                            throw new RuntimeException(e);
                        }
                        if (line == null) {
                            return null;
                        }
                        maxBuffered.accumulateAndGet(in.buffered(), Math::max);
                        out.writeLine(line.toUpperCase(java.util.Locale.ROOT));
                        if (suspend(out.flush(), 2)) {
                            return SUSPENDED;
                        }
                    }
                    // fall through
                    case 2:
                        resume();
                        state = 0;
                        break;
                    default:
                        resume();
                        return null;
                }
            }
        }
    }

    TcpServer upperServer(AtomicInteger maxBuffered) throws Exception {
        return onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.serve(sock -> new Upper(sock, maxBuffered).start());
            return s;
        });
    }

    @Test
    void linesWithBothTerminatorsAndUtf8SplitAcrossSegments() throws Exception {
        AtomicInteger max = new AtomicInteger();
        TcpServer server = upperServer(max);
        try (Socket c = new Socket()) {
            c.connect(server.localAddress());
            c.setTcpNoDelay(true);
            c.setSoTimeout(10_000);
            OutputStream out = c.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            byte[] text = "héllo wörld ☃\r\nsecond\n\nlast".getBytes(StandardCharsets.UTF_8);
            for (byte b : text) { // one byte per segment: multi-byte characters are split too
                out.write(b);
                out.flush();
                Thread.sleep(1);
            }
            assertEquals("HÉLLO WÖRLD ☃", in.readLine());
            assertEquals("SECOND", in.readLine());
            assertEquals("", in.readLine());
            c.shutdownOutput();
            assertEquals("LAST", in.readLine(), "the unterminated rest comes at end of stream");
            assertNull(in.readLine());
        }
    }

    @Test
    void anOverLongLineIsAClearErrorWithBoundedMemory() throws Exception {
        AtomicInteger max = new AtomicInteger();
        TcpServer server = upperServer(max);
        try (Socket c = new Socket()) {
            c.connect(server.localAddress());
            c.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            c.getOutputStream().write("short\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("SHORT", in.readLine());
            byte[] noNewline = new byte[1 << 20];
            java.util.Arrays.fill(noNewline, (byte) 'x');
            try {
                c.getOutputStream().write(noNewline);
            } catch (IOException closedMeanwhile) {
                // the server may close before we finish sending
            }
            String answer = in.readLine();
            assertTrue(answer.startsWith("ERR no line end within 64 bytes"), answer);
        }
        assertTrue(max.get() <= 256, "the reader buffered at most a few times the limit: " + max.get());
    }

    @Test
    void readUntilReadExactlyAndEof() throws Exception {
        List<Object> results = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.serve(sock -> {
                StreamReader r = new StreamReader(sock, 4);
                Promise<Void> p = new Promise<>();
                byte[] dash = "--".getBytes(StandardCharsets.UTF_8);
                r.readUntil(dash, 100).onComplete(a -> {
                    results.add(new String(a.result(), StandardCharsets.UTF_8));
                    r.readUntil(dash, 100).onComplete(b -> {
                        results.add(new String(b.result(), StandardCharsets.UTF_8));
                        r.readExactly(5).onComplete(x -> {
                            results.add(x.result());
                            r.readExactly(10).onComplete(y -> {
                                results.add(y.exception());
                                p.complete(null);
                                done.complete(null);
                            });
                        });
                    });
                });
                return p;
            });
            return s;
        });
        try (Socket c = new Socket()) {
            c.connect(server.localAddress());
            OutputStream out = c.getOutputStream();
            out.write("abc-".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(20);
            out.write("-defgh--".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
            out.flush();
            c.shutdownOutput();
            done.get(10, TimeUnit.SECONDS);
        }
        assertEquals("abc--", results.get(0));
        assertEquals("defgh--", results.get(1));
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, (byte[]) results.get(2));
        assertInstanceOf(EOFException.class, results.get(3));
    }

    @Test
    void writerDrainWaitsUntilEverythingIsHandedToTheKernel() throws Exception {
        CompletableFuture<Integer> bufferedAfterDrain = new CompletableFuture<>();
        TcpServer server = onLoop(loop, () -> {
            TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
            s.serve(sock -> {
                StreamWriter w = new StreamWriter(sock);
                for (int i = 0; i < 20_000; i++) {
                    w.writeLine("line " + i);
                }
                Task<Void> d = w.drain();
                d.onComplete(t -> bufferedAfterDrain.complete(sock.bufferedBytes()));
                return d;
            });
            return s;
        });
        try (Socket c = new Socket()) {
            c.connect(server.localAddress());
            c.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 20_000; i++) {
                assertEquals("line " + i, in.readLine());
            }
            assertNull(in.readLine());
        }
        assertEquals(0, bufferedAfterDrain.get(5, TimeUnit.SECONDS));
    }
}
