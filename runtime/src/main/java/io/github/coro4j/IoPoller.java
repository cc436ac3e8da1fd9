package io.github.coro4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Set;

/**
 * The loop's I/O readiness: one {@link Selector}, opened on first use, and a {@link Registration} attached to
 * each channel's key that holds the tasks waiting for each operation. Interest ops are the ops somebody
 * waits for, plus, until the selector next reports them, the ops of waits that just completed (lazy
 * withdrawal: a read loop that waits again before the next poll causes no epoll_ctl). The selector is rebuilt when it throws, or when it keeps returning early with nothing
 * selected (the JDK epoll spin bug Netty works around). Loop thread only, but for {@link #wakeup()}.
 */
final class IoPoller {
    /** Early returns in a row, with nothing selected and no wakeup, before the selector is rebuilt. */
    private static final int SPIN_REBUILD_THRESHOLD = 512;

    private final EventLoop loop;
    private volatile Selector selector;
    private int registered;
    private int prematureReturns;
    int rebuilds;

    IoPoller(EventLoop loop) throws IOException {
        this.loop = loop;
        this.selector = Selector.open();
    }

    /** Whether any channel is registered (so a turn must poll I/O). */
    boolean hasRegistrations() {
        return registered > 0;
    }

    void wakeup() {
        selector.wakeup();
    }

    /** A task completed with the ready ops once {@code channel} is ready for one of {@code ops}. */
    Task<Integer> awaitReady(SelectableChannel channel, int ops) {
        if (ops == 0 || (ops & ~channel.validOps()) != 0) {
            throw new IllegalArgumentException("interest ops " + ops + " are not valid for " + channel
                    + " (valid: " + channel.validOps() + ")");
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode: call configureBlocking(false)");
        }
        IoWait wait = new IoWait(loop, ops);
        if (!channel.isOpen()) {
            wait.finish(Task.FAILED, new ClosedChannelException());
            return wait;
        }
        SelectionKey key = channel.keyFor(selector);
        Registration reg;
        if (key == null || !key.isValid()) {
            if (key != null) {
                selectNowQuietly(); // flush the cancelled key so the channel can register again
            }
            reg = new Registration(this, channel);
            try {
                reg.key = channel.register(selector, 0, reg);
            } catch (ClosedChannelException e) {
                wait.finish(Task.FAILED, e);
                return wait;
            }
            registered++;
        } else {
            reg = (Registration) key.attachment();
        }
        reg.add(wait);
        return wait;
    }

    /** Cancels the channel's key and fails its waiting tasks with ClosedChannelException. */
    void deregister(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.attachment() instanceof Registration) {
            ((Registration) key.attachment()).close();
        }
    }

    /**
     * Polls for ready channels: blocks up to {@code timeoutNanos} (negative: no limit; zero: do not block),
     * and completes the waiting tasks of those that are ready.
     */
    void poll(long timeoutNanos) {
        Selector s = selector;
        int n;
        long start = timeoutNanos > 0 ? System.nanoTime() : 0;
        try {
            if (timeoutNanos == 0) {
                n = s.selectNow();
            } else if (timeoutNanos < 0) {
                n = s.select();
            } else {
                n = s.select(Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            }
        } catch (IOException | RuntimeException e) {
            if (!s.isOpen()) {
                return; // closed with the loop
            }
            loop.report("the selector failed; rebuilding it", e);
            rebuild();
            return;
        }
        // n counts only keys whose ready set changed: a key left in the selected set (by the selectNow that
        // flushes a cancelled key in awaitReady) is ready again without being counted, so look at the set.
        if (n > 0 || !s.selectedKeys().isEmpty()) {
            prematureReturns = 0;
            dispatch(s.selectedKeys());
        } else if (timeoutNanos != 0 && !loop.wokenUp()) {
            long waited = timeoutNanos > 0 ? System.nanoTime() - start : Long.MAX_VALUE;
            if (waited < timeoutNanos - 1_000_000 && ++prematureReturns >= SPIN_REBUILD_THRESHOLD) {
                loop.report("the selector returned early " + prematureReturns + " times in a row; rebuilding it",
                        null);
                rebuild();
            }
        } else {
            prematureReturns = 0;
        }
    }

    private void dispatch(Set<SelectionKey> keys) {
        Iterator<SelectionKey> it = keys.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Registration reg = (Registration) key.attachment();
            int ready;
            try {
                ready = key.readyOps();
            } catch (CancelledKeyException e) {
                reg.close();
                continue;
            }
            reg.ready(ready);
        }
    }

    /** Moves every valid key to a fresh selector and closes the old one. */
    void rebuild() {
        Selector old = selector;
        Selector fresh;
        try {
            fresh = Selector.open();
        } catch (IOException e) {
            loop.report("could not open a new selector", e);
            return;
        }
        for (SelectionKey key : old.keys()) {
            Registration reg = (Registration) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                int ops = key.interestOps();
                key.cancel();
                reg.key = key.channel().register(fresh, ops, reg);
            } catch (ClosedChannelException | CancelledKeyException e) {
                reg.close();
            }
        }
        selector = fresh;
        rebuilds++;
        prematureReturns = 0;
        try {
            old.close();
        } catch (IOException e) {
            loop.report("could not close the old selector", e);
        }
    }

    private void selectNowQuietly() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of channels currently registered with this poller. */
    int registrations() {
        return registered;
    }

    /**
     * Cancels every waiting task and closes the selector (loop close). Cancelled, not failed: the waits end
     * because the loop does, and a failure nobody can read any more would only be reported as lost.
     */
    void close() {
        Selector s = selector;
        for (SelectionKey key : s.keys()) {
            if (key.attachment() instanceof Registration) {
                ((Registration) key.attachment()).close(false);
            }
        }
        try {
            s.close();
        } catch (IOException e) {
            loop.report("could not close the selector", e);
        }
    }

    /** The key attachment of a channel: who waits for which op. */
    static final class Registration {
        private final IoPoller poller;
        final SelectableChannel channel;
        SelectionKey key;
        private IoWait read;
        private IoWait write;
        private IoWait connect;
        private IoWait accept;
        private boolean closed;

        Registration(IoPoller poller, SelectableChannel channel) {
            this.poller = poller;
            this.channel = channel;
        }

        void add(IoWait wait) {
            int ops = wait.ops;
            if (((ops & SelectionKey.OP_READ) != 0 && read != null)
                    || ((ops & SelectionKey.OP_WRITE) != 0 && write != null)
                    || ((ops & SelectionKey.OP_CONNECT) != 0 && connect != null)
                    || ((ops & SelectionKey.OP_ACCEPT) != 0 && accept != null)) {
                throw new IllegalStateException("another task is already waiting for the same operation on "
                        + channel);
            }
            if ((ops & SelectionKey.OP_READ) != 0) read = wait;
            if ((ops & SelectionKey.OP_WRITE) != 0) write = wait;
            if ((ops & SelectionKey.OP_CONNECT) != 0) connect = wait;
            if ((ops & SelectionKey.OP_ACCEPT) != 0) accept = wait;
            wait.registration = this;
            updateInterest();
        }

        void remove(IoWait wait) {
            clear(wait);
            if (!closed) {
                updateInterest();
            }
        }

        void ready(int readyOps) {
            // Interest of a completed wait is withdrawn lazily: a waiter that comes back for the same op
            // before the next select (a read loop re-arming) then costs no epoll_ctl at all. If the op is
            // reported ready while nobody waits for it any more, withdraw it now.
            if ((readyOps & ~waitedOps()) != 0) {
                updateInterest();
            }
            // Each waiter is completed once, with the ready ops it asked for.
            complete(read, readyOps);
            complete(write, readyOps);
            complete(connect, readyOps);
            complete(accept, readyOps);
        }

        private void complete(IoWait w, int readyOps) {
            if (w != null && (w.ops & readyOps) != 0 && w.status == Task.PENDING) {
                clear(w);
                w.registration = null; // completed: onFinished must not withdraw the interest at once
                w.finish(Task.SUCCEEDED, w.ops & readyOps);
            }
        }

        private void clear(IoWait wait) {
            if (read == wait) read = null;
            if (write == wait) write = null;
            if (connect == wait) connect = null;
            if (accept == wait) accept = null;
        }

        private int waitedOps() {
            int ops = 0;
            if (read != null) ops |= SelectionKey.OP_READ;
            if (write != null) ops |= SelectionKey.OP_WRITE;
            if (connect != null) ops |= SelectionKey.OP_CONNECT;
            if (accept != null) ops |= SelectionKey.OP_ACCEPT;
            return ops;
        }

        void close() {
            close(true);
        }

        /** Cancels the key; the waiting tasks fail with ClosedChannelException, or are cancelled. */
        void close(boolean fail) {
            if (closed) {
                return;
            }
            closed = true;
            poller.registered--;
            if (key != null) {
                key.cancel();
            }
            ClosedChannelException failure = new ClosedChannelException();
            for (IoWait w : new IoWait[] {read, write, connect, accept}) {
                if (w != null && w.status == Task.PENDING) {
                    remove(w);
                    if (fail) {
                        w.finish(Task.FAILED, failure);
                    } else {
                        w.cancel();
                    }
                }
            }
        }

        private void updateInterest() {
            int ops = waitedOps();
            try {
                if (key.interestOps() != ops) {
                    key.interestOps(ops);
                }
            } catch (CancelledKeyException e) {
                close();
            }
        }
    }

    /** A task waiting for readiness; cancelling it withdraws the interest. */
    static final class IoWait extends Task<Integer> {
        private final EventLoop loop;
        final int ops;
        Registration registration;

        IoWait(EventLoop loop, int ops) {
            this.loop = loop;
            this.ops = ops;
        }

        @Override
        EventLoop loop() {
            return loop;
        }

        @Override
        void onFinished() {
            if (registration != null) {
                registration.remove(this);
            }
        }

        @Override
        String describe() {
            return "IoWait(ops=" + ops + ")";
        }
    }
}
