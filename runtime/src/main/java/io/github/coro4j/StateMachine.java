package io.github.coro4j;

import java.util.Objects;

/**
 * The base class of the state machines that the coro4j processor generates for {@link Coroutine} methods.
 * Hand-written subclasses follow the same contract; users of generated code never touch this class.
 *
 * <p>One object is both the coroutine's frame (its hoisted locals are fields of the subclass) and its
 * {@link Task}. The contract:
 * <ol>
 *   <li>The generated factory calls the constructor on the loop thread (which fails with "no running event
 *       loop" elsewhere), then {@link #start()}, which runs the body synchronously up to its first real
 *       suspension (eager start) and returns this task.</li>
 *   <li>{@link #step()} runs the body from the label in {@link #state} and returns either the result
 *       ({@code null} for void) or {@link #SUSPENDED}. It may throw anything: the task then fails with
 *       that exception, or is cancelled if it is a {@link CancelledException}.</li>
 *   <li>An {@code await(t)} becomes {@code if (suspend(t, L)) return SUSPENDED;} followed by label
 *       {@code L}, where {@code x = resume();} reads the result (or rethrows the original failure, or
 *       throws {@link CancelledException} if this task was cancelled). {@link #suspend} returns false when
 *       {@code t} is already done: the body goes straight on, with no queue trip and no allocation.</li>
 *   <li>When the awaited task completes, the loop calls {@link #step()} again on a later turn. Resumptions
 *       never nest: a million awaits of completed tasks run in one loop of {@code step()}.</li>
 * </ol>
 * See docs/internals.md for the generated shape.
 *
 * @param <T> the result type of the coroutine
 */
public abstract class StateMachine<T> extends Task<T> {
    /** Returned by {@link #step()} when the body is suspended. */
    protected static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    private static final byte STARTED = 1;
    private static final byte RUNNING = 2;
    /** Cancelled while the awaited task was pending: resume() throws CancelledException. */
    private static final byte CANCEL_NOW = 4;
    /** Cancelled while running or with a resumption queued: the next suspension point throws. */
    private static final byte CANCEL_PENDING = 8;
    /** In the loop's list of pending tasks, which keeps suspended coroutines reachable. */
    private static final byte LINKED = 16;

    final EventLoop loop;
    /** The label to resume at; 0 on the first step. Generated code reads and writes it. */
    protected int state;
    private Task<?> awaiting;
    private byte flags;
    /** Links in the loop's list of suspended tasks. */
    StateMachine<?> prev;
    StateMachine<?> next;

    /**
     * Binds the new coroutine to the current loop.
     *
     * @throws IllegalStateException "no running event loop" when called off a loop thread
     */
    protected StateMachine() {
        this.loop = EventLoop.current();
        if (loop.debug != null) {
            // Kept by the loop, not in a field: a field would cost every coroutine 4 bytes (often 8 with
            // alignment) for something only debug mode uses.
            Throwable site = loop.debug.creationSite(this);
            loop.trackCreation(this, site);
        }
    }

    /** Debug mode: somebody awaited or read this task, so it is not reported as never awaited. */
    final void observed() {
        if (loop.debug != null) {
            loop.markObserved(this);
        }
    }

    /**
     * Runs the body from {@link #state} until it suspends or completes.
     *
     * @return the result of the coroutine, or {@link #SUSPENDED}
     * @throws Throwable whatever the body throws; it becomes the task's failure
     */
    protected abstract Object step() throws Throwable;

    /**
     * Starts the coroutine: runs it synchronously until its first real suspension. Called once, by the
     * generated factory.
     *
     * @return this task
     * @throws IllegalStateException if already started
     */
    public final Task<T> start() {
        if ((flags & STARTED) != 0) {
            throw new IllegalStateException("the coroutine was already started: " + this);
        }
        flags |= STARTED;
        run();
        return this;
    }

    /**
     * The await protocol: called with the awaited task and the label to resume at. Returns true if the
     * coroutine is now suspended (the caller must return {@link #SUSPENDED}), false if it may go straight
     * on to {@link #resume()}.
     *
     * @throws NullPointerException if {@code task} is null
     * @throws IllegalStateException if {@code task} belongs to another event loop
     */
    protected final boolean suspend(Task<?> task, int resumeState) {
        Objects.requireNonNull(task, "await() was given a null task");
        state = resumeState;
        awaiting = task;
        if (task.status != PENDING) {
            return false;
        }
        EventLoop owner = task.loop();
        if (owner != loop) {
            throw new IllegalStateException("cannot await " + task + ": it belongs to another event loop; "
                    + "bridge it with Task.from(task.toCompletableFuture()) on that loop");
        }
        if ((flags & CANCEL_PENDING) != 0) {
            // cancel() came while we were running: cancel what we were about to wait for, wait for it to
            // finish (a child coroutine runs its finally blocks), then throw at this await.
            flags = (byte) ((flags & ~CANCEL_PENDING) | CANCEL_NOW);
            task.cancel();
            if (task.status != PENDING) {
                return false;
            }
        }
        task.addWaiter(this);
        if ((flags & LINKED) == 0) {
            flags |= LINKED;
            loop.link(this);
        }
        return true;
    }

    /**
     * The result of the task awaited at the last suspension point: its value, its original failure rethrown
     * as is, or a {@link CancelledException} if this coroutine was cancelled while it waited.
     */
    protected final <X> X resume() {
        Task<?> t = awaiting;
        awaiting = null;
        if ((flags & CANCEL_NOW) != 0) {
            flags &= ~CANCEL_NOW;
            CancelledException cancelled = new CancelledException("cancelled: " + this);
            if (t.status == FAILED) {
                // the awaited task failed instead of stopping (a socket closed under a read, a finally that
                // threw): this coroutine has seen that failure, attached here, so it is not reported as lost
                cancelled.addSuppressed(t.takeFailure());
            }
            throw cancelled;
        }
        @SuppressWarnings("unchecked") X value = (X) t.result();
        return value;
    }

    /** Runs one step: from start(), or from the loop's ready queue after the awaited task completed. */
    final void run() {
        flags |= RUNNING;
        Object r;
        try {
            r = step();
        } catch (Throwable e) {
            flags &= ~RUNNING;
            done(e instanceof CancelledException ? CANCELLED : FAILED, e);
            return;
        }
        flags &= ~RUNNING;
        if (r != SUSPENDED) {
            done(SUCCEEDED, r);
        }
    }

    private void done(byte status, Object value) {
        if ((flags & LINKED) != 0) {
            flags &= ~LINKED;
            loop.unlink(this);
        }
        finish(status, value);
    }

    @Override
    final void awaitedDone(Task<?> done) {
        if (done == awaiting) {
            loop.resumeLater(this);
        }
    }

    /**
     * Cancels the coroutine. If it is suspended, the task it awaits is cancelled and the coroutine resumes
     * with a {@link CancelledException} once that task is done; if it is running (it cancelled itself) or
     * about to resume, the exception comes at its next suspension point. Its finally blocks run either way.
     *
     * @return false if already done
     */
    @Override
    public boolean cancel() {
        if (status != PENDING) {
            return false;
        }
        loop.checkThread("cancel()");
        // Down a chain of coroutines each awaiting the next, iteratively: a recursive coroutine thousands of
        // levels deep must not overflow the stack when it is cancelled.
        StateMachine<?> sm = this;
        for (;;) {
            Task<?> a = sm.awaiting;
            if ((sm.flags & RUNNING) == 0 && a != null && a.status == PENDING) {
                sm.flags |= CANCEL_NOW;
                if (a instanceof StateMachine) {
                    StateMachine<?> child = (StateMachine<?>) a;
                    if ((child.flags & CANCEL_NOW) != 0) {
                        // already told, and so is everything below it: stop (else cancelling every level of
                        // a deep chain, as shutdown does, would be quadratic). A child that caught its
                        // cancellation and awaits something new has the flag cleared, and is told again.
                        return true;
                    }
                    sm = child; // what child.cancel() would do, one level down
                    continue;
                }
                a.cancel();
            } else if ((sm.flags & CANCEL_NOW) == 0) {
                sm.flags |= CANCEL_PENDING;
            }
            return true;
        }
    }

    /** Whether this coroutine was asked to stop and has not yet seen the {@link CancelledException}. */
    protected final boolean isCancelRequested() {
        return (flags & (CANCEL_NOW | CANCEL_PENDING)) != 0;
    }

    @Override
    final EventLoop loop() {
        return loop;
    }

    /** Where the task was created, in debug mode; otherwise null. */
    final Throwable createdAt() {
        return loop.creationSite(this);
    }

    /** The task this coroutine is suspended on, for diagnostics. */
    final Task<?> awaiting() {
        return awaiting;
    }
}
