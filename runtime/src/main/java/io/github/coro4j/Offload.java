package io.github.coro4j;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/** Blocking work run off the loop (asyncio's {@code run_in_executor}), with its result brought back. */
final class Offload {
    private Offload() {}

    private static final class Pool {
        static final ExecutorService INSTANCE = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "coro4j-offload-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }

    static Executor pool() {
        return Pool.INSTANCE;
    }

    static <T> Task<T> start(EventLoop loop, Executor executor, Callable<? extends T> work) {
        OffloadTask<T> task = new OffloadTask<>(loop);
        FutureTask<T> job = new FutureTask<>(work::call) {
            @Override
            protected void done() {
                try {
                    loop.execute(() -> {
                        loop.externalFinished();
                        task.settle(this);
                    });
                } catch (RejectedExecutionException closed) {
                    // the loop closed while the work ran: nobody on it can observe the outcome any more
                }
            }
        };
        task.job = job;
        loop.externalStarted();
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            loop.externalFinished();
            task.finish(Task.FAILED, e);
        }
        return task;
    }

    /** The loop-side task of offloaded work; cancelling it interrupts the work. */
    static final class OffloadTask<T> extends Task<T> {
        private final EventLoop loop;
        Future<T> job;

        OffloadTask(EventLoop loop) {
            this.loop = loop;
        }

        void settle(FutureTask<T> f) {
            if (status != PENDING) {
                return;
            }
            try {
                finish(SUCCEEDED, f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                finish(FAILED, e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                finish(CANCELLED, new CancelledException("offloaded work was cancelled"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(FAILED, e);
            }
        }

        @Override
        public boolean cancel() {
            if (super.cancel()) {
                job.cancel(true);
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
            return "Offload";
        }
    }
}
