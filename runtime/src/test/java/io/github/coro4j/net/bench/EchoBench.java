package io.github.coro4j.net.bench;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.net.TcpServer;
import io.github.coro4j.net.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Echo benchmark: a coroutine-style echo server on an {@link EventLoop} against a hand-written callback-style
 * NIO echo server (the zero-overhead floor), driven by the same load generator in the same run.
 *
 * <p>Run: {@code java -cp runtime/target/classes:runtime/target/test-classes
 * io.github.coro4j.net.bench.EchoBench [connections] [messageBytes] [seconds] [rounds]}
 *
 * <p>The load generator is one thread with its own selector: each connection keeps one message in flight
 * (ping-pong) and the rate is round trips per second over the measured window. Servers alternate
 * floor/coroutine for each round, so drift hits both.
 */
public final class EchoBench {
    private EchoBench() {}

    public static void main(String[] args) throws Exception {
        int conns = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.printf(Locale.ROOT, "echo: %d connections, %d-byte messages, %.1f s per run, %d rounds%n",
                conns, size, seconds, rounds);
        double[] floorRate = new double[rounds];
        double[] coroRate = new double[rounds];
        double[] floorCpu = new double[rounds];
        double[] coroCpu = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            boolean warmup = r < 0;
            String only = System.getProperty("bench.only", "");
            double secs = warmup ? 2 : seconds;
            double[] floor;
            double[] coro;
            if (r % 2 == 0) { // alternate which server goes first, so that order effects cancel out
                floor = only.equals("coro") ? new double[] {1, 1} : runFloor(conns, size, secs);
                coro = only.equals("floor") ? new double[] {1, 1} : runCoro(conns, size, secs);
            } else {
                coro = only.equals("floor") ? new double[] {1, 1} : runCoro(conns, size, secs);
                floor = only.equals("coro") ? new double[] {1, 1} : runFloor(conns, size, secs);
            }
            System.out.printf(Locale.ROOT, "%-8s floor %,9.0f msg/s %,6.0f ns cpu/msg   coroutine %,9.0f msg/s"
                            + " %,6.0f ns cpu/msg   ratio %.3f%n",
                    warmup ? "warmup" : "round " + (r + 1), floor[0], floor[1], coro[0], coro[1],
                    coro[0] / floor[0]);
            if (!warmup) {
                floorRate[r] = floor[0];
                coroRate[r] = coro[0];
                floorCpu[r] = floor[1];
                coroCpu[r] = coro[1];
                ratio[r] = coro[0] / floor[0];
            }
        }
        System.out.printf(Locale.ROOT, "median   floor %,9.0f msg/s %,6.0f ns cpu/msg   coroutine %,9.0f msg/s"
                        + " %,6.0f ns cpu/msg   throughput ratio (median of rounds) %.3f   cpu ratio %.3f%n",
                median(floorRate), median(floorCpu), median(coroRate), median(coroCpu), median(ratio),
                median(floorCpu) / median(coroCpu));
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    // ================================================================== coroutine server

    /**
     * The coroutine server's handler: {@link io.github.coro4j.net.EchoHandler}, hand-written in the shape the
     * processor generates for {@code while ((n = await(s.read(buf))) >= 0) await(s.write(buf));}, with a 16 KiB
     * buffer.
     */
    public static Task<Void> handle(TcpSocket socket) {
        return io.github.coro4j.net.EchoHandler.handle(socket, 16 * 1024);
    }

    static double[] runCoro(int conns, int size, double seconds) throws Exception {
        EventLoop loop = EventLoop.startThread("coro-echo");
        try {
            CompletableFuture<TcpServer> f = loop.submit(() -> {
                try {
                    TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
                    s.serve(EchoBench::handle);
                    return Task.completed(s);
                } catch (IOException e) {
                    return Task.failed(e);
                }
            });
            TcpServer server = f.get();
            long tid = loop.submit(() -> Task.completed(Thread.currentThread().getId())).get();
            double[] rate = load(server.localAddress(), conns, size, seconds, tid);
            loop.submit(() -> server.shutdown(java.time.Duration.ofSeconds(1))).get();
            return rate;
        } finally {
            loop.close();
        }
    }

    // ================================================================== floor: hand-written NIO callbacks

    static double[] runFloor(int conns, int size, double seconds) throws Exception {
        Selector sel = Selector.open();
        ServerSocketChannel ss = ServerSocketChannel.open();
        ss.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
        ss.configureBlocking(false);
        ss.register(sel, SelectionKey.OP_ACCEPT);
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = new Thread(() -> floorLoop(sel, ss, stop), "floor-echo");
        t.start();
        try {
            return load((InetSocketAddress) ss.getLocalAddress(), conns, size, seconds, t.getId());
        } finally {
            stop.set(true);
            sel.wakeup();
            t.join();
            for (SelectionKey k : sel.keys()) {
                k.channel().close();
            }
            sel.close();
        }
    }

    private static void floorLoop(Selector sel, ServerSocketChannel ss, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                sel.select();
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        SocketChannel c;
                        while ((c = ss.accept()) != null) {
                            c.configureBlocking(false);
                            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            c.register(sel, SelectionKey.OP_READ, ByteBuffer.allocate(16 * 1024));
                        }
                        continue;
                    }
                    SocketChannel c = (SocketChannel) k.channel();
                    ByteBuffer buf = (ByteBuffer) k.attachment();
                    try {
                        if (k.isWritable()) {
                            c.write(buf);
                            if (!buf.hasRemaining()) {
                                buf.clear();
                                k.interestOps(SelectionKey.OP_READ);
                            }
                            continue;
                        }
                        int n = c.read(buf);
                        if (n < 0) {
                            k.cancel();
                            c.close();
                            continue;
                        }
                        buf.flip();
                        c.write(buf);
                        if (buf.hasRemaining()) {
                            k.interestOps(SelectionKey.OP_WRITE);
                        } else {
                            buf.clear();
                        }
                    } catch (IOException e) {
                        k.cancel();
                        c.close();
                    }
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    // ================================================================== load generator

    /** Ping-pong on every connection from one thread; returns round trips per second. */
    public static double[] load(InetSocketAddress address, int conns, int size, double seconds, long serverThread)
            throws IOException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = 0;
        Selector sel = Selector.open();
        List<SocketChannel> all = new ArrayList<>();
        try {
            for (int i = 0; i < conns; i++) {
                SocketChannel c = SocketChannel.open(address);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(false);
                all.add(c);
                ByteBuffer msg = ByteBuffer.allocate(size);
                c.write(msg);
                c.register(sel, SelectionKey.OP_READ, new long[] {0});
            }
            ByteBuffer out = ByteBuffer.allocate(size);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            long count = 0;
            long start = System.nanoTime();
            long measureFrom = start + (long) (0.5e9);
            long end = measureFrom + (long) (seconds * 1e9);
            long counted = 0;
            boolean measuring = false;
            long now = start;
            while (now < end) {
                sel.select(100);
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    SocketChannel c = (SocketChannel) k.channel();
                    long[] pending = (long[]) k.attachment();
                    in.clear();
                    int n = c.read(in);
                    if (n < 0) {
                        throw new IOException("server closed a connection");
                    }
                    pending[0] += n;
                    while (pending[0] >= size) {
                        pending[0] -= size;
                        count++;
                        out.clear();
                        while (out.hasRemaining()) {
                            c.write(out);
                        }
                    }
                }
                now = System.nanoTime();
                if (!measuring && now >= measureFrom) {
                    measuring = true;
                    counted = count;
                    cpuStart = mx.getThreadCpuTime(serverThread);
                    start = now;
                }
            }
            long msgs = count - counted;
            long cpu = mx.getThreadCpuTime(serverThread) - cpuStart;
            return new double[] {msgs / ((now - start) / 1e9), (double) cpu / msgs};
        } finally {
            for (SocketChannel c : all) {
                c.close();
            }
            sel.close();
        }
    }
}
