package io.github.coro4j;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        ExternalTask<T> task = new ExternalTask<>(loop, "Offload");
        FutureTask<T> job = new FutureTask<>(work::call) {
            @Override
            protected void done() {
                task.settleOnLoop();
            }
        };
        task.bind(job, true); // cancelling the task interrupts the work
        loop.externalStarted();
        try {
            executor.execute(job);
        } catch (RejectedExecutionException e) {
            loop.externalFinished();
            task.finish(Task.FAILED, e);
        }
        return task;
    }
}
