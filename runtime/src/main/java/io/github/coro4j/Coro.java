package io.github.coro4j;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The functions coroutine bodies use, meant for {@code import static io.github.coro4j.Coro.*}.
 *
 * <p>{@link #await(Task)} marks a suspension point: inside a {@link Coroutine} method the processor turns it
 * into a real suspension. The other functions return tasks to await: {@link #sleep}, {@link #yieldNow},
 * the combinators {@link #all}, {@link #any} and {@link #race}, {@link #withTimeout} and {@link #shield}.
 * They all need a running event loop (they fail with "no running event loop" elsewhere).
 */
public final class Coro {
    private Coro() {}

    /**
     * Waits for {@code task} and returns its value, or rethrows its original failure as it is.
     *
     * <p>Inside a {@link Coroutine} method this call is a suspension point: the processor rewrites it, and the
     * coroutine resumes on a later turn of the loop when the task is done (at once, without suspending, if it is
     * already done). Anywhere else, including the original method called directly, it only accepts a task that
     * is already done.
     *
     * @throws IllegalStateException outside a coroutine body, if the task is still pending
     */
    public static <T> T await(Task<T> task) {
        Objects.requireNonNull(task, "await() was given a null task");
        if (task.status == Task.PENDING) {
            throw new IllegalStateException("await() of a pending task outside a @Coroutine body: " + task
                    + ". Only the generated factory (FooCoroutines.method(...)) can suspend; a direct call of the "
                    + "method, or await() in a lambda or a method without @Coroutine, cannot. Await the task "
                    + "inside a @Coroutine method, or run it with EventLoop.run(() -> ...).");
        }
        return task.result();
    }

    /**
     * Like {@link #await(Task)}, and declares that it may throw {@code exceptionType}, so that the body can
     * catch a checked exception at the await site:
     * <pre>{@code
     * try {
     *     n = await(socket.read(buffer), IOException.class);
     * } catch (IOException e) { ... }
     * }</pre>
     * The class is only for the compiler: the task's failure is rethrown as it is, whatever its type.
     */
    public static <T, X extends Throwable> T await(Task<T> task, Class<X> exceptionType) throws X {
        Objects.requireNonNull(exceptionType, "exceptionType must not be null");
        return await(task);
    }

    /**
     * A task that completes on a later turn of the loop, letting the other ready tasks run first (asyncio's
     * {@code sleep(0)}).
     */
    public static Task<Void> yieldNow() {
        EventLoop loop = EventLoop.current();
        SleepTask t = new SleepTask(loop, false);
        loop.readyLater(t);
        return t;
    }

    /**
     * A task that completes once {@code duration} has passed on the loop's clock. Cancelling it removes the
     * timer. A zero duration behaves like {@link #yieldNow()}.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public static Task<Void> sleep(Duration duration) {
        long nanos = EventLoop.toNanos(duration, "duration");
        EventLoop loop = EventLoop.current();
        if (nanos == 0) {
            return yieldNow();
        }
        SleepTask t = new SleepTask(loop, true);
        loop.addTimer(nanos, t);
        return t;
    }

    /**
     * A task of the values of all {@code tasks}, in order. It fails as soon as one fails, with that failure,
     * and cancels the others; cancelling it cancels them all, and it completes (cancelled) once they are done.
     */
    @SafeVarargs
    public static <T> Task<List<T>> all(Task<? extends T>... tasks) {
        return all(Arrays.asList(tasks));
    }

    /** Like {@link #all(Task[])} for a collection. */
    public static <T> Task<List<T>> all(Collection<? extends Task<? extends T>> tasks) {
        return Combinators.all(EventLoop.current(), tasks);
    }

    /**
     * A task of the first value among {@code tasks}: it completes with the first success and cancels the
     * others, or fails when all have failed, with the first failure (the others attached as suppressed).
     *
     * @throws IllegalArgumentException if there are no tasks
     */
    @SafeVarargs
    public static <T> Task<T> any(Task<? extends T>... tasks) {
        return any(Arrays.asList(tasks));
    }

    /** Like {@link #any(Task[])} for a collection. */
    public static <T> Task<T> any(Collection<? extends Task<? extends T>> tasks) {
        return Combinators.any(EventLoop.current(), tasks);
    }

    /**
     * A task of the first of {@code tasks} to complete, whether it succeeds or fails; the others are cancelled.
     *
     * @throws IllegalArgumentException if there are no tasks
     */
    @SafeVarargs
    public static <T> Task<T> race(Task<? extends T>... tasks) {
        return race(Arrays.asList(tasks));
    }

    /** Like {@link #race(Task[])} for a collection. */
    public static <T> Task<T> race(Collection<? extends Task<? extends T>> tasks) {
        return Combinators.race(EventLoop.current(), tasks);
    }

    /**
     * A task with the outcome of {@code task}, unless {@code timeout} passes first: then {@code task} is
     * cancelled and, once it is done, the returned task fails with {@link TaskTimeoutException}. If the task
     * completes despite the cancellation, its outcome is kept. Cancelling the returned task cancels
     * {@code task}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <T> Task<T> withTimeout(Duration timeout, Task<T> task) {
        long nanos = EventLoop.toNanos(timeout, "timeout");
        Objects.requireNonNull(task, "task must not be null");
        return new TimeoutTask<>(EventLoop.current(), task, nanos, timeout);
    }

    /**
     * A task with the outcome of {@code task} that can be cancelled without cancelling {@code task}: a
     * coroutine awaiting the shield gets its {@link CancelledException}, while the shielded work goes on.
     */
    public static <T> Task<T> shield(Task<T> task) {
        Objects.requireNonNull(task, "task must not be null");
        return new ShieldTask<>(EventLoop.current(), task);
    }

    /**
     * Runs blocking or CPU-bound {@code work} on a pool of daemon threads and returns a task of its outcome
     * (asyncio's {@code to_thread}); see {@link EventLoop#runInExecutor(Callable)}.
     */
    public static <T> Task<T> toThread(Callable<? extends T> work) {
        return EventLoop.current().runInExecutor(work);
    }
}
