package io.github.coro4j.net;

import io.github.coro4j.net.bench.EchoBench;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Quick harness behind the choice of {@link GroupServer#defaultDistribution()}: a 2-loop group serving echo,
 * one SO_REUSEPORT listener per loop against one listener handing connections off. Two loads: connection
 * churn (connect, 16-byte echo, reset; from client threads) and persistent ping-pong connections (the
 * {@link EchoBench} load generator). Not a test; run:
 * {@code java -cp runtime/target/classes:runtime/target/test-classes io.github.coro4j.net.GroupBench [seconds] [rounds]}
 */
public final class GroupBench {
    private GroupBench() {}

    /** Process CPU (server loops and client threads together) per connection in the last churn run, in µs. */
    static double lastCpuPerConnection;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r <= rounds; r++) {
            for (EventLoopGroup.Distribution d : EventLoopGroup.Distribution.values()) {
                double churn = churn(d, r == 0 ? 1 : seconds);
                double cpu = lastCpuPerConnection;
                double echo = echo(d, r == 0 ? 1 : seconds);
                System.out.printf(Locale.ROOT, "%-7s %-10s connections %,8.0f /s (%5.1f us process cpu each)"
                                + "   echo %,9.0f msg/s%n", r == 0 ? "warmup" : "round " + r, d, churn, cpu, echo);
            }
        }
    }

    static GroupServer start(EventLoopGroup group, EventLoopGroup.Distribution d) throws Exception {
        GroupServer s = group.serve(new InetSocketAddress("127.0.0.1", 0), EchoBench::handle, 1024, d);
        s.setErrorHandler((m, e) -> { }); // clients reset their connections: expected
        return s;
    }

    static double churn(EventLoopGroup.Distribution d, double seconds) throws Exception {
        try (EventLoopGroup group = new EventLoopGroup(2)) {
            GroupServer server = start(group, d);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong done = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread th = new Thread(() -> {
                    byte[] msg = new byte[16];
                    while (!stop.get()) {
                        try (Socket s = new Socket()) {
                            s.setTcpNoDelay(true);
                            s.connect(server.localAddress(), 2000);
                            s.setSoLinger(true, 0);
                            OutputStream out = s.getOutputStream();
                            InputStream in = s.getInputStream();
                            out.write(msg);
                            if (in.readNBytes(16).length == 16) {
                                done.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // counted as not done
                        }
                    }
                });
                th.start();
                clients.add(th);
            }
            Thread.sleep(300);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long from = done.get();
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long n = done.get() - from;
            double rate = n / ((System.nanoTime() - start) / 1e9);
            lastCpuPerConnection = (os.getProcessCpuTime() - cpu0) / 1000.0 / n;
            stop.set(true);
            for (Thread th : clients) {
                th.join();
            }
            server.shutdown(Duration.ofSeconds(1)).get();
            return rate;
        }
    }

    static double echo(EventLoopGroup.Distribution d, double seconds) throws Exception {
        try (EventLoopGroup group = new EventLoopGroup(2)) {
            GroupServer server = start(group, d);
            // the load generator's CPU column is meaningless here (no single server thread): pass its own id
            double rate = EchoBench.load(server.localAddress(), 200, 64, seconds, Thread.currentThread().getId())[0];
            server.shutdown(Duration.ofSeconds(1)).get();
            return rate;
        }
    }
}
