package io.github.coro4j.net;

import io.github.coro4j.Cancellable;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The connections a server runs on one loop: one handler task per accepted socket. A handler's failure is
 * reported and closes only its connection. Loop thread only, except {@link #count()}.
 */
final class Connections {
    final EventLoop loop;
    private final Function<? super TcpSocket, ? extends Task<?>> handler;
    private final BiConsumer<String, Throwable> errors;
    private final Map<Task<?>, TcpSocket> live = new IdentityHashMap<>();
    private final AtomicInteger count;
    private boolean stopping;
    private Promise<Void> allDone;
    private Cancellable graceTimer;
    /** Some handler had to be cancelled at shutdown. */
    volatile boolean forced;

    Connections(EventLoop loop, Function<? super TcpSocket, ? extends Task<?>> handler,
                BiConsumer<String, Throwable> errors, AtomicInteger count) {
        this.loop = loop;
        this.handler = handler;
        this.errors = errors;
        this.count = count;
    }

    /** Starts the handler of a freshly accepted channel, on this loop. */
    void start(SocketChannel channel) {
        if (stopping) {
            closeQuietly(channel);
            return;
        }
        TcpSocket socket;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            socket = new TcpSocket(loop, channel);
        } catch (IOException | RuntimeException e) {
            errors.accept("could not set up an accepted connection", e);
            closeQuietly(channel);
            return;
        }
        Task<?> task;
        try {
            task = handler.apply(socket);
            if (task == null) {
                throw new NullPointerException("the connection handler returned null instead of a task");
            }
        } catch (Throwable e) {
            errors.accept("the connection handler threw for " + socket, e);
            socket.abort();
            return;
        }
        if (task.isDone()) {
            finished(task, socket);
            return;
        }
        live.put(task, socket);
        count.incrementAndGet();
        task.onComplete(t -> {
            if (live.remove(t) != null) {
                count.decrementAndGet();
            }
            finished(t, socket);
            if (stopping && live.isEmpty()) {
                done();
            }
        });
    }

    private void finished(Task<?> task, TcpSocket socket) {
        if (task.isFailed()) {
            errors.accept("connection handler failed for " + socket, task.exception());
            socket.abort();
        } else {
            socket.close();
        }
    }

    /**
     * Stops taking connections; lets the handlers finish for {@code grace}, then cancels those still running.
     * The task completes when all handlers are done.
     */
    Task<Void> shutdown(Duration grace) {
        if (allDone != null) {
            return allDone;
        }
        stopping = true;
        allDone = new Promise<>();
        if (live.isEmpty()) {
            allDone.complete(null);
        } else if (grace.isZero()) {
            cancelAll();
        } else {
            graceTimer = loop.callLater(grace, this::cancelAll);
        }
        return allDone;
    }

    private void cancelAll() {
        if (!live.isEmpty()) {
            forced = true;
        }
        List<Map.Entry<Task<?>, TcpSocket>> all = new ArrayList<>(live.entrySet());
        for (Map.Entry<Task<?>, TcpSocket> e : all) {
            e.getKey().cancel();
            e.getValue().abort(); // a cancelled handler gets no more graceful flush
        }
    }

    private void done() {
        if (graceTimer != null) {
            graceTimer.cancel();
        }
        if (allDone != null && !allDone.isDone()) {
            allDone.complete(null);
        }
    }

    /** Live connections; any thread. */
    int count() {
        return count.get();
    }

    static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The default error sink: a warning on the {@code io.github.coro4j.net} logger. */
    static void log(String message, Throwable error) {
        System.getLogger("io.github.coro4j.net").log(System.Logger.Level.WARNING, message, error);
    }
}
