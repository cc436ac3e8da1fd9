package io.github.coro4j;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The handle of a pending result on an {@link EventLoop}: the value of a coroutine, a timer, an I/O wait.
 *
 * <p>A task is <em>pending</em>, then <em>done</em> exactly once: with a value, with a failure, or
 * cancelled. Tasks belong to one loop and are touched only on that loop's thread; to hand a result to
 * another thread use {@link #toCompletableFuture()}, and to bring one in use {@link #from(CompletionStage)}.
 *
 * <p>A task that fails and whose failure nobody ever reads ({@link #result()}, {@link #exception()}, an
 * await, a combinator or a completion callback) is reported by the loop, like asyncio's "exception was
 * never retrieved": failures are never lost silently.
 *
 * @param <T> the type of the value
 */
public abstract class Task<T> {
    static final byte PENDING = 0;
    static final byte SUCCEEDED = 1;
    static final byte FAILED = 2;
    static final byte CANCELLED = 3;

    /** PENDING, SUCCEEDED, FAILED or CANCELLED. */
    byte status;
    /** The value, the Throwable, or (failed and not yet read) a {@link FailureTracker}. */
    Object result;
    /** Who to tell on completion: null, one waiter, or a {@link Waiters} list, in registration order. */
    private Object waiters;

    Task() {}

    // ------------------------------------------------------------------ factories

    /** A task that is already done with {@code value}; awaiting it never suspends. */
    public static <T> Task<T> completed(T value) {
        DoneTask<T> t = new DoneTask<>();
        t.status = SUCCEEDED;
        t.result = value;
        return t;
    }

    /** A task that is already done with {@code failure}; awaiting it rethrows {@code failure} as is. */
    public static <T> Task<T> failed(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        DoneTask<T> t = new DoneTask<>();
        t.status = FAILED;
        t.result = failure;
        return t;
    }

    /**
     * A task of the current loop that completes with the outcome of {@code stage}, whatever thread completes
     * the stage. Cancelling the task cancels the stage when it is a {@link java.util.concurrent.Future}.
     *
     * @throws IllegalStateException if there is no running event loop on this thread
     */
    public static <T> Task<T> from(CompletionStage<? extends T> stage) {
        Objects.requireNonNull(stage, "stage");
        EventLoop loop = EventLoop.current();
        return new ExternalTask<T>(loop, stage.toCompletableFuture());
    }

    // ------------------------------------------------------------------ state

    /** Whether the task is done: with a value, a failure, or cancelled. */
    public final boolean isDone() {
        return status != PENDING;
    }

    /** Whether the task is done because it was cancelled. */
    public final boolean isCancelled() {
        return status == CANCELLED;
    }

    /** Whether the task is done with a failure (cancellation is not a failure). */
    public final boolean isFailed() {
        return status == FAILED;
    }

    /**
     * The value of a done task, or its failure rethrown as it is (a checked exception too, although this
     * method does not declare it). A cancelled task throws its {@link CancelledException}.
     *
     * @throws IllegalStateException if the task is still pending
     */
    public final T result() {
        switch (status) {
            case SUCCEEDED:
                if (this instanceof StateMachine) {
                    ((StateMachine<?>) this).observed();
                }
                @SuppressWarnings("unchecked") T value = (T) result;
                return value;
            case FAILED:
            case CANCELLED:
                throw Throwables.sneaky(takeFailure());
            default:
                throw new IllegalStateException("the task is still pending: " + this
                        + " (await it in a @Coroutine, or read it once isDone() is true)");
        }
    }

    /**
     * The failure of a done task: null if it succeeded, its {@link CancelledException} if cancelled.
     *
     * @throws IllegalStateException if the task is still pending
     */
    public final Throwable exception() {
        if (status == PENDING) {
            throw new IllegalStateException("the task is still pending: " + this);
        }
        return status == SUCCEEDED ? null : takeFailure();
    }

    /** Reads the failure and marks it retrieved, so that it is not reported as lost. */
    final Throwable takeFailure() {
        if (this instanceof StateMachine) {
            ((StateMachine<?>) this).observed();
        }
        Object r = result;
        if (r == null && status == CANCELLED) {
            // cancelled by cancel(): the exception is made on first read, so it shows where it was read
            CancelledException e = new CancelledException("cancelled: " + this);
            result = e;
            return e;
        }
        if (r instanceof FailureTracker) {
            FailureTracker tracker = (FailureTracker) r;
            tracker.retrieved();
            result = tracker.failure;
            return tracker.failure;
        }
        return (Throwable) r;
    }

    /** Marks the outcome of a done task as read: its failure is not reported as lost, nor the task as never awaited. */
    final void retrieved() {
        if (status == SUCCEEDED) {
            if (this instanceof StateMachine) {
                ((StateMachine<?>) this).observed();
            }
        } else {
            takeFailure();
        }
    }

    /** The loop this task belongs to, or null for a task that was created done. */
    abstract EventLoop loop();

    // ------------------------------------------------------------------ cancellation

    /**
     * Asks the task to stop. A pending promise or timer is cancelled at once; a coroutine gets a
     * {@link CancelledException} at its current suspension point (the task it awaits is cancelled too) and
     * is done once its finally blocks have run. Call on the loop thread.
     *
     * @return false if the task was already done, true if the request was taken
     */
    public boolean cancel() {
        if (status != PENDING) {
            return false;
        }
        EventLoop loop = loop();
        if (loop != null) {
            loop.checkThread("cancel()");
        }
        // No exception yet: most cancelled tasks (timers, timeouts) are never read, and filling in a stack
        // trace costs microseconds. takeFailure() makes the CancelledException when somebody reads it.
        finish(CANCELLED, null);
        return true;
    }

    // ------------------------------------------------------------------ completion callbacks

    /**
     * Runs {@code callback} on the loop once the task is done (on a later turn, never inside this call,
     * even if the task is already done). Call on a loop thread.
     *
     * @return this task
     */
    public final Task<T> onComplete(Consumer<? super Task<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        EventLoop loop = loop();
        if (loop == null) {
            loop = EventLoop.current();
        } else {
            loop.checkThread("onComplete()");
        }
        Callback<T> cb = new Callback<>(this, callback);
        cb.loop = loop;
        if (status != PENDING) {
            cb.queued = true;
            loop.callSoon(cb);
        } else {
            addWaiter(cb);
        }
        return this;
    }

    /**
     * A future completed with this task's outcome, on the loop thread, when the task is done. Cancelling the
     * future does not cancel the task. Call on the loop thread unless the task is already done.
     */
    public final CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (status != PENDING) {
            completeFuture(future);
            return future;
        }
        EventLoop loop = loop();
        loop.checkThread("toCompletableFuture()");
        addWaiter(new FutureWaiter<>(this, future));
        return future;
    }

    final void completeFuture(CompletableFuture<? super T> future) {
        if (status == SUCCEEDED) {
            @SuppressWarnings("unchecked") T value = (T) result;
            future.complete(value);
        } else {
            future.completeExceptionally(takeFailure());
        }
    }

    // ------------------------------------------------------------------ waiters (loop thread only)

    /** Registers an internal waiter: a {@link Task} whose {@link #awaitedDone} runs, or a Runnable. */
    final void addWaiter(Object waiter) {
        if (this instanceof StateMachine) {
            ((StateMachine<?>) this).observed();
        }
        Object w = waiters;
        if (w == null) {
            waiters = waiter;
        } else if (w instanceof Waiters) {
            ((Waiters) w).add(waiter);
        } else {
            Waiters list = new Waiters();
            list.add(w);
            list.add(waiter);
            waiters = list;
        }
    }

    /** Removes a waiter that stopped waiting (cancelled). */
    final void removeWaiter(Object waiter) {
        Object w = waiters;
        if (w == waiter) {
            waiters = null;
        } else if (w instanceof Waiters) {
            Waiters list = (Waiters) w;
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i) == waiter) {
                    list.remove(i);
                    return;
                }
            }
        }
    }

    /** Called when a task this one waits on is done. Tasks that wait on others override it. */
    void awaitedDone(Task<?> done) {}

    /**
     * Completes this task and tells the waiters, in registration order. Returns false if it was done.
     * Failures are wrapped in a tracker so the loop can report them if nobody ever reads them.
     */
    final boolean finish(byte newStatus, Object value) {
        if (status != PENDING) {
            return false;
        }
        status = newStatus;
        if (newStatus == FAILED) {
            EventLoop loop = loop();
            if (loop == null) {
                loop = EventLoop.currentOrNull();
            }
            result = loop == null ? value : loop.trackFailure(this, (Throwable) value);
        } else {
            result = value;
        }
        Object w = waiters;
        if (w != null) {
            waiters = null;
            if (w instanceof Waiters) {
                Waiters list = (Waiters) w;
                for (int i = 0, n = list.size(); i < n; i++) {
                    notifyWaiter(list.get(i));
                }
            } else {
                notifyWaiter(w);
            }
        }
        onFinished();
        return true;
    }

    /** Completes this task with the outcome of {@code from}, which is done; reading a failure retrieves it. */
    final boolean mirror(Task<? extends T> from) {
        if (from.status == SUCCEEDED) {
            return finish(SUCCEEDED, from.result);
        }
        return finish(from.status, from.takeFailure());
    }

    /** Hook for subclasses that hold resources until done (timers, I/O registrations). */
    void onFinished() {}

    private void notifyWaiter(Object w) {
        if (w instanceof Task) {
            ((Task<?>) w).awaitedDone(this);
        } else {
            ((Runnable) w).run();
        }
    }

    @Override
    public String toString() {
        String state;
        switch (status) {
            case PENDING: state = "pending"; break;
            case SUCCEEDED: state = "done"; break;
            case FAILED: state = "failed"; break;
            default: state = "cancelled"; break;
        }
        return describe() + "[" + state + "]";
    }

    /** A short name for diagnostics. */
    String describe() {
        return getClass().getSimpleName();
    }

    /** The list form of {@link #waiters}. */
    static final class Waiters extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        Waiters() {
            super(4);
        }
    }

    /** A task created done, bound to no loop. */
    static final class DoneTask<T> extends Task<T> {
        @Override
        EventLoop loop() {
            return null;
        }

        @Override
        String describe() {
            return "Task";
        }
    }

    /** A user completion callback, queued on the loop when the task is done. */
    static final class Callback<T> implements Runnable {
        final Task<T> task;
        final Consumer<? super Task<T>> action;
        EventLoop loop;
        boolean queued;

        Callback(Task<T> task, Consumer<? super Task<T>> action) {
            this.task = task;
            this.action = action;
        }

        @Override
        public void run() {
            if (!queued) {
                // First call: the task just completed. Run the user's code on a later turn, as asyncio does,
                // so that callbacks never run inside whoever completed the task.
                queued = true;
                loop.callSoon(this);
                return;
            }
            if (task.status != SUCCEEDED) {
                task.takeFailure(); // the callback sees the failure, so it counts as read
            }
            action.accept(task);
        }
    }

    /** Completes a CompletableFuture with the task's outcome. */
    static final class FutureWaiter<T> implements Runnable {
        private final Task<T> task;
        private final CompletableFuture<? super T> future;

        FutureWaiter(Task<T> task, CompletableFuture<? super T> future) {
            this.task = task;
            this.future = future;
        }

        @Override
        public void run() {
            task.completeFuture(future);
        }
    }
}
