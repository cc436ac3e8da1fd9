package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A TCP server spread over the loops of an {@link EventLoopGroup}, made by {@link EventLoopGroup#serve}. Its
 * methods may be called from any thread.
 */
public final class GroupServer {
    private final EventLoopGroup group;
    private final EventLoopGroup.Distribution distribution;
    private final Connections[] connections;
    private final TcpServer[] listeners;
    private final AtomicInteger live = new AtomicInteger();
    private volatile BiConsumer<String, Throwable> errors = Connections::log;
    private volatile InetSocketAddress address;
    private CompletableFuture<Boolean> shutdown;

    GroupServer(EventLoopGroup group, Function<? super TcpSocket, ? extends Task<?>> handler,
                EventLoopGroup.Distribution distribution) {
        this.group = group;
        this.distribution = distribution;
        int n = group.size();
        this.connections = new Connections[n];
        this.listeners = new TcpServer[n];
        for (int i = 0; i < n; i++) {
            connections[i] = new Connections(group.loop(i), handler, (m, e) -> errors.accept(m, e), live);
        }
    }

    static EventLoopGroup.Distribution defaultDistribution() {
        String forced = System.getProperty("coro4j.net.distribution");
        if (forced != null) {
            return EventLoopGroup.Distribution.valueOf(forced);
        }
        return reusePortSupported() ? EventLoopGroup.Distribution.REUSE_PORT : EventLoopGroup.Distribution.HANDOFF;
    }

    static boolean reusePortSupported() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            return probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        } catch (IOException e) {
            return false;
        }
    }

    void bind(InetSocketAddress requested, int backlog) throws IOException {
        int n = group.size();
        if (distribution == EventLoopGroup.Distribution.REUSE_PORT) {
            InetSocketAddress at = requested;
            for (int i = 0; i < n; i++) {
                int index = i;
                InetSocketAddress bindTo = at;
                listeners[i] = EventLoopGroup.call(group.loop(i), () -> {
                    TcpServer s = TcpServer.bind(bindTo, backlog, true);
                    s.setErrorHandler((m, e) -> errors.accept(m, e));
                    s.serve(connections[index]::start, connections[index]);
                    return s;
                });
                if (i == 0) {
                    at = listeners[0].localAddress(); // the others share the port picked for port 0
                    address = at;
                }
            }
        } else {
            AtomicInteger rr = new AtomicInteger();
            Consumer<SocketChannel> handOff = ch -> {
                int i = Math.floorMod(rr.getAndIncrement(), n);
                if (i == 0) {
                    connections[0].start(ch);
                } else {
                    group.loop(i).execute(() -> connections[i].start(ch));
                }
            };
            listeners[0] = EventLoopGroup.call(group.loop(0), () -> {
                TcpServer s = TcpServer.bind(requested, backlog, false);
                s.setErrorHandler((m, e) -> errors.accept(m, e));
                s.serve(handOff, connections[0]);
                return s;
            });
            address = listeners[0].localAddress();
        }
    }

    /** The address the server listens on (with the actual port when bound to port 0). */
    public InetSocketAddress localAddress() {
        return address;
    }

    /** Live connections over all loops. */
    public int connectionCount() {
        return live.get();
    }

    /** Sets where handler failures and accept errors go; null restores the default logger. */
    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errors = handler == null ? Connections::log : handler;
    }

    /**
     * Clean shutdown: every listener stops accepting at once; handlers get {@code grace} to finish, then those
     * still running are cancelled and their connections reset.
     *
     * @return a future completed when every handler on every loop is done: true if all finished within the
     *     grace period, false if some had to be cancelled
     */
    public synchronized CompletableFuture<Boolean> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (shutdown != null) {
            return shutdown;
        }
        int n = group.size();
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] parts = new CompletableFuture[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            EventLoop loop = group.loop(i);
            parts[i] = loop.submit(() -> {
                TcpServer l = listeners[index];
                if (l != null) {
                    l.stopAccepting();
                }
                return connections[index].shutdown(grace);
            });
        }
        shutdown = CompletableFuture.allOf(parts).thenApply(v -> {
            for (Connections c : connections) {
                if (c.forced) {
                    return false;
                }
            }
            return true;
        });
        return shutdown;
    }

    /** How connections are spread over the loops. */
    EventLoopGroup.Distribution distribution() {
        return distribution;
    }

    @Override
    public String toString() {
        return "GroupServer[" + address + ", " + group.size() + " loops, " + distribution + "]";
    }
}
