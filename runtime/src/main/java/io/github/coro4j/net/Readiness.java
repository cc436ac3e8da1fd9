package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * Awaitable readiness of any non-blocking {@link SelectableChannel} on the current loop, like asyncio's
 * {@code add_reader}/{@code add_writer} as tasks. Each task completes once, with the ready operations; the
 * interest is withdrawn when it completes or is cancelled, and {@link EventLoop#deregister} (or closing the
 * channel through the loop) fails it with {@link java.nio.channels.ClosedChannelException}. At most one task
 * may wait for a given operation of a channel at a time.
 */
public final class Readiness {
    private Readiness() {}

    /** A task that completes when {@code channel} is readable. Loop thread only. */
    public static Task<Integer> readable(SelectableChannel channel) {
        return EventLoop.current().awaitReady(channel, SelectionKey.OP_READ);
    }

    /** A task that completes when {@code channel} is writable. Loop thread only. */
    public static Task<Integer> writable(SelectableChannel channel) {
        return EventLoop.current().awaitReady(channel, SelectionKey.OP_WRITE);
    }

    /** A task that completes when a server channel has a connection to accept. Loop thread only. */
    public static Task<Integer> acceptable(SelectableChannel channel) {
        return EventLoop.current().awaitReady(channel, SelectionKey.OP_ACCEPT);
    }

    /** A task that completes when a connecting channel may call {@code finishConnect()}. Loop thread only. */
    public static Task<Integer> connectable(SelectableChannel channel) {
        return EventLoop.current().awaitReady(channel, SelectionKey.OP_CONNECT);
    }
}
