package io.github.coro4j.examples.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A single-threaded NIO load generator for the echo and HTTP servers, meant to run in its own JVM (see
 * {@link LoadGeneratorProcess}) so that its connections do not count against the server's descriptor limit.
 *
 * <p>Before the clock starts, every connection makes one round trip, so that a server still accepting and setting
 * up thousands of connections is not measured in that state. Each connection has at most one request in flight. In <em>open-loop</em> mode ({@link LoadSpec#rate()} > 0)
 * every connection has a schedule of intended send times, evenly spread, and latency is measured from the
 * intended send time, not the actual one: when the server stalls, the requests that should have been sent meanwhile
 * are charged the stall (no coordinated omission), and so are the requests still unanswered at the end. In
 * <em>closed-loop</em> mode (rate 0) a connection sends its next
 * request as soon as the previous response is in; that measures the maximal throughput, and its latencies are
 * those of a saturated server.
 */
public final class LoadGenerator {
    private static final int MAX_CONNECTING = 256;
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LoadSpec spec;
    private final byte[] request;
    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final PriorityQueue<Connection> schedule =
            new PriorityQueue<>(Comparator.comparingLong((Connection c) -> c.nextIntended));
    private final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private long completed;
    private boolean priming;
    private int primed;
    private long errors;
    private long measureStart;
    private long end;

    private LoadGenerator(LoadSpec spec) throws IOException {
        this.spec = spec;
        this.request = spec.requestBytes();
        this.selector = Selector.open();
    }

    /** Runs one load test against 127.0.0.1 in this JVM. */
    public static LoadResult run(LoadSpec spec) throws IOException {
        LoadGenerator generator = new LoadGenerator(spec);
        try {
            generator.connectAll();
            return generator.drive();
        } finally {
            generator.closeAll();
        }
    }

    /** Entry point of the child JVM: arguments as {@link LoadSpec#toArgs()}; prints one {@code RESULT} line. */
    public static void main(String[] args) throws IOException {
        LoadResult result = run(LoadSpec.fromArgs(args));
        System.out.println(result.toLine());
        System.out.flush();
    }

    private void connectAll() throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.port());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int started = 0;
        int connecting = 0;
        int connected = 0;
        while (connected < spec.connections()) {
            while (started < spec.connections() && connecting < MAX_CONNECTING) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Connection c = new Connection(channel, spec.newFramer());
                connections.add(c);
                started++;
                if (channel.connect(address)) {
                    c.key = channel.register(selector, 0, c);
                    connected++;
                } else {
                    c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                    connecting++;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("connected only " + connected + " of " + spec.connections() + " in 30 s");
            }
            selector.select(100);
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                c.channel.finishConnect(); // throws if the server refused
                key.interestOps(0);
                connecting--;
                connected++;
            }
            selector.selectedKeys().clear();
        }
    }

    /**
     * Sends one request on every connection and waits for every response, so that the measurement starts once the
     * server has accepted and set up all connections (a cold server may take seconds for 10,000 of them), not in
     * the middle of that storm.
     */
    private void primeAll() throws IOException {
        priming = true;
        for (Connection c : connections) {
            send(c);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (primed + errors < connections.size()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + primed + " of " + connections.size()
                        + " connections got a first response within 60 s");
            }
            selector.select(100);
            long now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                if (!c.dead && key.isValid() && key.isWritable()) {
                    writeMore(c);
                }
                if (!c.dead && key.isValid() && key.isReadable()) {
                    read(c, now);
                }
            }
            selector.selectedKeys().clear();
        }
        priming = false;
    }

    private LoadResult drive() throws IOException {
        primeAll();
        long start = System.nanoTime();
        measureStart = start + TimeUnit.MILLISECONDS.toNanos(spec.warmupMillis());
        end = measureStart + TimeUnit.MILLISECONDS.toNanos(spec.durationMillis());
        long interval = spec.rate() > 0 ? (long) (spec.connections() * 1e9 / spec.rate()) : 0;
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            c.interval = interval;
            c.nextIntended = start + (interval * i) / connections.size();
            schedule.add(c);
        }
        long now = System.nanoTime();
        while (now < end) {
            if (errors == connections.size()) {
                break; // every connection failed: nothing left to measure
            }
            while (!schedule.isEmpty() && schedule.peek().nextIntended <= now) {
                send(schedule.poll());
            }
            long wakeAt = schedule.isEmpty() ? end : Math.min(end, schedule.peek().nextIntended);
            long waitMillis = (wakeAt - now) / 1_000_000;
            if (waitMillis >= 1) {
                selector.select(waitMillis);
            } else {
                selector.selectNow();
            }
            now = System.nanoTime();
            for (SelectionKey key : selector.selectedKeys()) {
                Connection c = (Connection) key.attachment();
                if (!c.dead && key.isValid() && key.isWritable()) {
                    writeMore(c);
                }
                if (!c.dead && key.isValid() && key.isReadable()) {
                    read(c, now);
                }
            }
            selector.selectedKeys().clear();
        }
        long unfinished = chargeUnfinished();
        double seconds = spec.durationMillis() / 1000.0;
        return new LoadResult(spec.connections(), completed, unfinished, completed / seconds,
                micros(latencies.getValueAtPercentile(50)), micros(latencies.getValueAtPercentile(90)),
                micros(latencies.getValueAtPercentile(99)), micros(latencies.getValueAtPercentile(99.9)),
                micros(latencies.getMaxValue()), errors);
    }

    /**
     * Open loop: a request still unanswered at the end, and those its connection should have sent after it, are
     * charged the time from their intended send time to the end, so a server that stalls at the end of the window
     * does not look better than one that answers late. Returns how many were charged.
     */
    private long chargeUnfinished() {
        long charged = 0;
        for (Connection c : connections) {
            if (c.dead || !c.awaiting || c.interval == 0) {
                continue;
            }
            for (long t = c.intended; t < end; t += c.interval) {
                if (t >= measureStart) {
                    latencies.recordValue(Math.min(HIGHEST_NANOS, end - t));
                    charged++;
                }
            }
        }
        return charged;
    }

    private void send(Connection c) {
        if (c.dead) {
            return;
        }
        c.awaiting = true;
        c.intended = c.interval > 0 ? c.nextIntended : System.nanoTime();
        c.out.clear();
        writeMore(c);
    }

    private void writeMore(Connection c) {
        try {
            c.channel.write(c.out);
            c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        } catch (IOException | java.nio.channels.CancelledKeyException e) {
            fail(c);
        }
    }

    private void read(Connection c, long now) {
        readBuffer.clear();
        try {
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                fail(c);
                return;
            }
            readBuffer.flip();
            if (c.framer.consume(readBuffer)) {
                if (readBuffer.hasRemaining()) {
                    throw new IllegalStateException("bytes after the response");
                }
                responseComplete(c, now);
            }
        } catch (IOException | IllegalStateException e) { // CancelledKeyException is an IllegalStateException
            fail(c);
        }
    }

    private void responseComplete(Connection c, long now) {
        c.awaiting = false;
        if (priming) {
            primed++;
            c.key.interestOps(0);
            return;
        }
        if (now >= measureStart && now < end) {
            completed++;
            latencies.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - c.intended)));
        }
        if (c.interval > 0) {
            c.nextIntended = c.intended + c.interval;
            if (c.nextIntended <= now) {
                send(c);
            } else {
                c.key.interestOps(0);
                schedule.add(c);
            }
        } else {
            send(c);
        }
    }

    private void fail(Connection c) {
        if (c.dead) {
            return;
        }
        c.dead = true;
        errors++;
        c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void closeAll() throws IOException {
        for (Connection c : connections) {
            c.channel.close();
        }
        selector.close();
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    private final class Connection {
        final SocketChannel channel;
        final ResponseFramer framer;
        final ByteBuffer out = ByteBuffer.wrap(request).asReadOnlyBuffer();
        SelectionKey key;
        boolean dead;
        boolean awaiting;
        long interval;
        long intended;
        long nextIntended;

        Connection(SocketChannel channel, ResponseFramer framer) {
            this.channel = channel;
            this.framer = framer;
        }
    }
}
