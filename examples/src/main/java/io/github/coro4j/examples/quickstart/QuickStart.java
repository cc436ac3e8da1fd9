package io.github.coro4j.examples.quickstart;

import static io.github.coro4j.Coro.all;
import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.sleep;
import static io.github.coro4j.Coro.withTimeout;

import io.github.coro4j.CancelledException;
import io.github.coro4j.Coroutine;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.TaskGroup;
import io.github.coro4j.TaskTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The quick start of docs/examples/quickstart.md: sleeping, gathering ({@code all}), a timeout
 * ({@code withTimeout}), cancellation, and a {@link TaskGroup}. Each is one {@code @Coroutine}; the processor
 * generates {@code QuickStartCoroutines} with one factory per method. Run {@link #main} to see them, or the
 * tests, which run them on a virtual clock.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Sleeps {@code millis}, then returns {@code value}: a stand-in for a slow call. */
    @Coroutine
    static String slow(String value, long millis) {
        await(sleep(Duration.ofMillis(millis)));
        return value;
    }

    /**
     * Gather: starts three slow calls side by side and waits for all of them. Calling a factory starts its
     * coroutine at once, so the three sleeps overlap: the whole takes as long as the slowest (30 ms), not the sum.
     */
    @Coroutine
    static List<String> gather() {
        Task<String> a = QuickStartCoroutines.slow("a", 30);
        Task<String> b = QuickStartCoroutines.slow("b", 10);
        Task<String> c = QuickStartCoroutines.slow("c", 20);
        return await(all(a, b, c)); // in the order given, whatever the order of completion
    }

    /**
     * Timeout: waits at most {@code limitMillis} for a call that takes {@code callMillis}. On expiry the call is
     * cancelled and {@code withTimeout} throws {@link TaskTimeoutException}, caught here like any exception.
     */
    @Coroutine
    static String withDeadline(long callMillis, long limitMillis) {
        // The call is held in a Task<String> local, as the processor asks: written inline,
        // await(withTimeout(d, QuickStartCoroutines.slow(...))) is rejected with "[CoroUnsupported] the type of this
        // await is not known while the processor runs (it awaits something generated in the same round)", since
        // the companion does not exist yet when the body is analysed and withTimeout's type is inferred from it.
        Task<String> call = QuickStartCoroutines.slow("done", callMillis);
        try {
            return await(withTimeout(Duration.ofMillis(limitMillis), call));
        } catch (TaskTimeoutException e) {
            return "timed out";
        }
    }

    /**
     * A worker that records its progress in {@code log}: it ticks every 10 ms until cancelled. Cancellation
     * arrives as {@link CancelledException} at the {@code await}, so its {@code finally} block runs.
     */
    @Coroutine
    static void worker(List<String> log) {
        try {
            for (int i = 0; ; i++) {
                await(sleep(Duration.ofMillis(10)));
                log.add("tick " + i);
            }
        } finally {
            log.add("cleaned up");
        }
    }

    /** Cancellation: starts a worker, lets it run 35 ms, cancels it, and returns what it did. */
    @Coroutine
    static List<String> cancellation() {
        List<String> log = new ArrayList<>();
        Task<Void> worker = QuickStartCoroutines.worker(log);
        await(sleep(Duration.ofMillis(35)));
        worker.cancel();
        try {
            await(worker);
        } catch (CancelledException e) {
            log.add("worker cancelled");
        }
        return log;
    }

    /** Fails after {@code millis} with {@code message}. */
    @Coroutine
    static String failing(String message, long millis) {
        await(sleep(Duration.ofMillis(millis)));
        throw new IllegalStateException(message);
    }

    /**
     * A task group: children that cannot outlive it. With {@code fail}, one child fails after 15 ms; the group
     * cancels its siblings (the 50 ms one never finishes) and {@code join} rethrows the failure as it is.
     */
    @Coroutine
    static String group(boolean fail) {
        List<Task<String>> children = new ArrayList<>();
        try (TaskGroup group = new TaskGroup()) {
            children.add(group.spawn(QuickStartCoroutines.slow("x", 10)));
            children.add(group.spawn(QuickStartCoroutines.slow("y", 50)));
            if (fail) {
                group.spawn(QuickStartCoroutines.failing("boom", 15));
            }
            await(group.join());
        } catch (IllegalStateException e) {
            return "failed: " + e.getMessage() + "; y cancelled: " + children.get(1).isCancelled();
        }
        return children.get(0).result() + children.get(1).result();
    }

    /** Runs every part on a real loop and prints what it returns. */
    public static void main(String[] args) {
        System.out.println("gather:       " + EventLoop.run(QuickStartCoroutines::gather));
        System.out.println("timeout:      " + EventLoop.run(() -> QuickStartCoroutines.withDeadline(50, 20)));
        System.out.println("in time:      " + EventLoop.run(() -> QuickStartCoroutines.withDeadline(10, 50)));
        System.out.println("cancellation: " + EventLoop.run(QuickStartCoroutines::cancellation));
        System.out.println("group:        " + EventLoop.run(() -> QuickStartCoroutines.group(false)));
        System.out.println("group, fails: " + EventLoop.run(() -> QuickStartCoroutines.group(true)));
    }
}
