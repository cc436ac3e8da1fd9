package io.github.coro4j;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work handed to a loop by {@link EventLoop#submit}: started on the loop thread, its outcome passed to a
 * future. The loop keeps the pending ones, so that closing fails their futures instead of leaving them
 * incomplete forever.
 */
final class Submission<T> implements Runnable {
    private final EventLoop loop;
    private final Supplier<? extends Task<T>> work;
    final CompletableFuture<T> future;
    /** The started task, while it is pending. */
    Task<T> task;

    Submission(EventLoop loop, Supplier<? extends Task<T>> work, CompletableFuture<T> future) {
        this.loop = loop;
        this.work = work;
        this.future = future;
    }

    @Override
    public void run() {
        if (!loop.acceptsWork()) {
            // closing: its pending tasks were cancelled already, so refuse rather than start one more
            future.completeExceptionally(EventLoop.rejected());
            return;
        }
        Task<T> started;
        try {
            started = work.get();
            Objects.requireNonNull(started, "the submitted supplier returned null instead of a task");
        } catch (Throwable e) {
            future.completeExceptionally(e);
            return;
        }
        if (started.status != Task.PENDING) {
            started.completeFuture(future);
            return;
        }
        task = started;
        loop.submissions.add(this);
        started.addWaiter((Runnable) () -> {
            loop.submissions.remove(this);
            started.completeFuture(future);
        });
    }

    /** At close: the task did not complete in time. */
    void abandon() {
        future.completeExceptionally(new CancelledException("the event loop closed before the submitted "
                + "task completed: " + task));
    }
}
