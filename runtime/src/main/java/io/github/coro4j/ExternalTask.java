package io.github.coro4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/** A task of a loop that mirrors a CompletableFuture completed by any thread ({@link Task#from}). */
final class ExternalTask<T> extends Task<T> {
    private final EventLoop loop;
    private final CompletableFuture<? extends T> future;

    ExternalTask(EventLoop loop, CompletableFuture<? extends T> future) {
        this.loop = loop;
        this.future = future;
        if (future.isDone()) {
            settle(future);
            return;
        }
        loop.externalStarted();
        future.whenComplete((v, e) -> {
            try {
                loop.execute(() -> {
                    loop.externalFinished();
                    settle(future);
                });
            } catch (RejectedExecutionException closed) {
                // the loop is gone; nobody can observe this task any more
            }
        });
    }

    private void settle(CompletableFuture<? extends T> f) {
        if (status != PENDING) {
            return;
        }
        try {
            finish(SUCCEEDED, f.join());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            finish(cause instanceof java.util.concurrent.CancellationException ? CANCELLED : FAILED,
                    cause instanceof java.util.concurrent.CancellationException
                            && !(cause instanceof CancelledException)
                            ? new CancelledException("the future was cancelled") : cause);
        } catch (java.util.concurrent.CancellationException e) {
            finish(CANCELLED, e instanceof CancelledException ? e : new CancelledException("the future was cancelled"));
        }
    }

    @Override
    public boolean cancel() {
        if (super.cancel()) {
            future.cancel(false);
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
        return "External";
    }
}
