package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.io.File;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Helpers for tests that drive a loop on its own thread from the JUnit thread. */
final class NetTestSupport {
    private NetTestSupport() {}

    /** Runs {@code work} on the loop thread and returns its value (or rethrows its failure). */
    static <T> T onLoop(EventLoop loop, Callable<T> work) throws Exception {
        CompletableFuture<T> f = loop.submit(() -> {
            try {
                return Task.completed(work.call());
            } catch (Exception e) {
                return Task.failed(e);
            }
        });
        return get(f);
    }

    /** Starts the task on the loop and waits for its outcome (bounded). */
    static <T> T await(EventLoop loop, Supplier<? extends Task<T>> work) throws Exception {
        return get(loop.submit(work));
    }

    static <T> CompletableFuture<T> start(EventLoop loop, Supplier<? extends Task<T>> work) {
        return loop.submit(work);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception) {
                throw (Exception) c;
            }
            throw e;
        }
    }

    /** Open file descriptors of this process (Linux), or -1 where /proc is missing. */
    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** Polls until the condition holds or the time runs out; returns whether it held. */
    static boolean eventually(long millis, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.call();
    }
}
