package io.github.coro4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * A task of a loop that mirrors a {@link Future} completed on another thread: a {@link CompletableFuture}
 * ({@link Task#from}) or offloaded work ({@link Offload}). Whoever completes the future hands
 * {@link #settle()} to the loop through its inbox; cancelling the task cancels the future.
 */
final class ExternalTask<T> extends Task<T> {
    private final EventLoop loop;
    private final String name;
    private Future<? extends T> future;
    private boolean interruptOnCancel;

    ExternalTask(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    /** The task of a CompletableFuture: settled at once if done, else when it completes. */
    static <T> ExternalTask<T> of(EventLoop loop, CompletableFuture<? extends T> future) {
        ExternalTask<T> task = new ExternalTask<>(loop, "External");
        task.bind(future, false);
        if (future.isDone()) {
            task.settle();
            return task;
        }
        loop.externalStarted();
        future.whenComplete((v, e) -> task.settleOnLoop());
        return task;
    }

    void bind(Future<? extends T> future, boolean interruptOnCancel) {
        this.future = future;
        this.interruptOnCancel = interruptOnCancel;
    }

    /** Called on the completing thread: brings the outcome to the loop. */
    void settleOnLoop() {
        try {
            loop.execute(() -> {
                loop.externalFinished();
                settle();
            });
        } catch (RejectedExecutionException closed) {
            // the loop is gone; nobody on it can observe this task any more
        }
    }

    /** On the loop, once the future is done: completes this task with the same outcome. */
    void settle() {
        if (status != PENDING) {
            return;
        }
        try {
            finish(SUCCEEDED, future.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CancellationException) {
                finish(CANCELLED, cancelled(cause));
            } else {
                finish(FAILED, cause);
            }
        } catch (CancellationException e) {
            finish(CANCELLED, cancelled(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(FAILED, e);
        }
    }

    private CancelledException cancelled(Throwable e) {
        return e instanceof CancelledException ? (CancelledException) e
                : new CancelledException("the " + (interruptOnCancel ? "offloaded work" : "future")
                        + " was cancelled");
    }

    @Override
    public boolean cancel() {
        if (super.cancel()) {
            future.cancel(interruptOnCancel);
            return true;
        }
        return false;
    }

    @Override
    EventLoop loop() {
        return loop;
    }

    @Override
    String describe() {
        return name;
    }
}
