package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * N event loops, each on its own thread (default: one per available processor), to use more than one core.
 * A server spread over the group ({@link #serve}) runs each connection's handler on one loop, for the
 * connection's whole life; handlers on different loops share nothing unless they choose to (and then must
 * hand work over with {@link EventLoop#submit} or {@link EventLoop#execute}).
 *
 * <pre>{@code
 * try (EventLoopGroup group = new EventLoopGroup()) {
 *     GroupServer server = group.serve(new InetSocketAddress(8007), EchoCoroutines::handle);
 *     ...
 *     server.shutdown(Duration.ofSeconds(5)).join();
 * }
 * }</pre>
 */
public final class EventLoopGroup implements AutoCloseable {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    /** How a group server spreads connections over the loops. */
    enum Distribution {
        /** One SO_REUSEPORT listener per loop: the kernel spreads connections, no cross-thread hand-off. */
        REUSE_PORT,
        /** One listener on the first loop; accepted channels are handed round-robin to the loops. */
        HANDOFF
    }

    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /** A group of {@link Runtime#availableProcessors()} loops. */
    public EventLoopGroup() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A group of {@code size} loops, started at once.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public EventLoopGroup(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one loop: " + size);
        }
        int id = GROUPS.incrementAndGet();
        loops = new EventLoop[size];
        for (int i = 0; i < size; i++) {
            loops[i] = EventLoop.startThread("coro4j-group-" + id + "-loop-" + i);
        }
    }

    /** The number of loops. */
    public int size() {
        return loops.length;
    }

    /** The loop at {@code index}, {@code 0 <= index < size()}. */
    public EventLoop loop(int index) {
        return loops[index];
    }

    /** The next loop in round-robin order. Any thread. */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /**
     * Serves {@code address} on every loop of the group: each accepted connection gets a handler task (made by
     * {@code handler}, e.g. {@code EchoCoroutines::handle}) on one loop. Uses one SO_REUSEPORT listener per
     * loop where the platform has it (see docs/networking.md for why), else one listener whose connections
     * are handed round-robin to the loops. Call from a thread that is not one of the group's loops; it waits
     * until the listeners are bound.
     *
     * @param handler called on the connection's loop, from several threads: it must be thread-safe (a static
     *     factory is)
     * @throws IOException if the address cannot be bound
     */
    public GroupServer serve(InetSocketAddress address, Function<? super TcpSocket, ? extends Task<?>> handler)
            throws IOException {
        return serve(address, handler, TcpServer.DEFAULT_BACKLOG, GroupServer.defaultDistribution());
    }

    GroupServer serve(InetSocketAddress address, Function<? super TcpSocket, ? extends Task<?>> handler,
                      int backlog, Distribution distribution) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        for (EventLoop l : loops) {
            if (l.inLoop()) {
                throw new IllegalStateException("call serve() from outside the group's loops: it waits for them");
            }
        }
        GroupServer server = new GroupServer(this, handler, distribution);
        try {
            server.bind(address, backlog);
        } catch (IOException | RuntimeException e) {
            server.shutdown(Duration.ZERO);
            throw e;
        }
        return server;
    }

    /**
     * Closes every loop: each cancels its pending tasks, lets them finish (bounded), closes its selector and
     * stops its thread. Shut servers down first for a graceful stop. Any thread but the group's own.
     */
    @Override
    public void close() {
        for (EventLoop l : loops) {
            l.close();
        }
    }

    /** Runs {@code work} on {@code loop} and waits for its value. */
    static <T> T call(EventLoop loop, java.util.concurrent.Callable<T> work) throws IOException {
        CompletableFuture<T> f = loop.submit(() -> {
            try {
                return Task.completed(work.call());
            } catch (Exception e) {
                return Task.failed(e);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the loop", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException) {
                throw (IOException) c;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IOException(c);
        }
    }
}
