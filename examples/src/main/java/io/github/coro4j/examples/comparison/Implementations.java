package io.github.coro4j.examples.comparison;

import io.github.coro4j.examples.echo.EchoServerImpl;
import io.github.coro4j.examples.echo.NioEchoServer;
import io.github.coro4j.examples.echo.coroutine.CoroutineEchoServer;
import io.github.coro4j.examples.echo.VirtualThreadEchoServer;
import io.github.coro4j.examples.http.HttpServerImpl;
import io.github.coro4j.examples.http.VirtualThreadHttpServer;
import io.github.coro4j.examples.http.coroutine.CoroutineHttpServer;
import io.github.coro4j.examples.tasks.CoroutineTasks;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which implementation runs each scenario for each {@link Side}: the one place where the coroutine versions plug in.
 * An empty result with {@link #PENDING} means "not written yet" (the table says "pending"); {@link #NOT_APPLICABLE}
 * means the side has no such thing (Netty has no waiting-task object to count).
 */
public final class Implementations {
    /** The text shown for a coroutine implementation that does not exist yet. */
    public static final String PENDING = "pending";
    /** The text shown where a side has no counterpart. */
    public static final String NOT_APPLICABLE = "n/a";

    /** Sides in the echo scenarios. */
    public static final List<Side> ECHO_SIDES = List.of(Side.COROUTINES, Side.VIRTUAL_THREADS, Side.NETTY,
            Side.NIO_FLOOR);
    /** Sides in the HTTP scenarios. */
    public static final List<Side> HTTP_SIDES = List.of(Side.COROUTINES, Side.VIRTUAL_THREADS, Side.NETTY);
    /** Sides in the task scenarios (memory, spawn, hand-off). */
    public static final List<Side> TASK_SIDES = List.of(Side.COROUTINES, Side.VIRTUAL_THREADS);

    private Implementations() {
    }

    /** The echo server of {@code side}, if it exists. */
    public static Optional<Supplier<EchoServerImpl>> echoServer(Side side) {
        return switch (side) {
            case COROUTINES -> Optional.of(CoroutineEchoServer::new);
            case VIRTUAL_THREADS -> Optional.of(VirtualThreadEchoServer::new);
            case NETTY -> testScoped(NETTY_ECHO, EchoServerImpl.class);
            case NIO_FLOOR -> Optional.of(NioEchoServer::new);
        };
    }

    /** The HTTP server of {@code side}, if it exists. */
    public static Optional<Supplier<HttpServerImpl>> httpServer(Side side) {
        return switch (side) {
            case COROUTINES -> Optional.of(CoroutineHttpServer::new);
            case VIRTUAL_THREADS -> Optional.of(VirtualThreadHttpServer::new);
            case NETTY -> testScoped(NETTY_HTTP, HttpServerImpl.class);
            case NIO_FLOOR -> Optional.empty();
        };
    }

    /** The waiting-tasks implementation of {@code side}, if it exists. */
    public static Optional<Supplier<WaitingTasksImpl>> waitingTasks(Side side) {
        return switch (side) {
            case COROUTINES -> Optional.of(CoroutineTasks::new);
            case VIRTUAL_THREADS -> Optional.of(VirtualThreadTasks::new);
            default -> Optional.empty();
        };
    }

    /** The spawn-and-complete implementation of {@code side}, if it exists. */
    public static Optional<Supplier<SpawnAndCompleteImpl>> spawnAndComplete(Side side) {
        return switch (side) {
            case COROUTINES -> Optional.of(CoroutineTasks::new);
            case VIRTUAL_THREADS -> Optional.of(VirtualThreadTasks::new);
            default -> Optional.empty();
        };
    }

    /** The hand-off implementation of {@code side}, if it exists. */
    public static Optional<Supplier<HandOffImpl>> handOff(Side side) {
        return switch (side) {
            case COROUTINES -> Optional.of(CoroutineTasks::new);
            case VIRTUAL_THREADS -> Optional.of(VirtualThreadTasks::new);
            default -> Optional.empty();
        };
    }

    /** What the table shows for a side that has no implementation of a scenario. */
    public static String missing(Side side) {
        return side == Side.COROUTINES ? PENDING : NOT_APPLICABLE;
    }

    /*
     * Netty is the reference, not a dependency of the examples: its servers live in the test sources, with Netty
     * in test scope, and README's main command runs the comparison on the test class path. Elsewhere (a class
     * path without them) the Netty column is simply absent.
     */
    private static final String NETTY_ECHO = "io.github.coro4j.examples.netty.NettyEchoServer";
    private static final String NETTY_HTTP = "io.github.coro4j.examples.netty.NettyHttpServer";

    private static <T> Optional<Supplier<T>> testScoped(String className, Class<T> type) {
        Class<? extends T> impl;
        try {
            impl = Class.forName(className).asSubclass(type);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            try {
                return impl.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + className, e);
            }
        });
    }
}
