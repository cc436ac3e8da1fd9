package io.github.coro4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A single-threaded event loop in the style of Python's asyncio: it runs coroutines, timers and callbacks
 * cooperatively on one thread, and resumes tasks when {@link java.nio.channels.Selector} reports their
 * channels ready.
 *
 * <p>Each turn of the loop (asyncio's {@code _run_once}) computes how long it may block (zero if anything is
 * ready, else until the earliest timer), polls I/O, moves due timers and work from other threads to the ready
 * queue, then runs exactly the callbacks that were ready at the start of the run phase, in FIFO order.
 * Everything on a loop happens on its thread; other threads hand work in with {@link #execute},
 * {@link #callSoon}, {@link #callLater} or {@link #submit}, which wake the loop only if it is blocked.
 *
 * <p>Most programs need only {@link #run(Supplier)}:
 * <pre>{@code
 * String greeting = EventLoop.run(() -> GreeterCoroutines.greet("world"));
 * }</pre>
 */
public final class EventLoop implements Executor, AutoCloseable {
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** After the main task of {@link #run} is done, how long the remaining cancelled tasks may take. */
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The grace period of this loop's shutdown (tests shorten it). */
    long shutdownGraceNanos = SHUTDOWN_GRACE_NANOS;
    /** While closing: the System.nanoTime() after which no turn may block any more. */
    private long closeDeadline;
    /** While callbacks keep coming, I/O is still polled after this many of them. */
    private static final int IO_POLL_INTERVAL = 64;
    /**
     * At most this many callbacks move from the inbox to the ready queue per turn, so that other threads
     * posting faster than the loop drains cannot keep it from ever running its ready queue.
     */
    private static final int INBOX_BUDGET = 4096;

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;

    /** Ready callbacks: Runnables, or StateMachines to resume. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    final TimerQueue timers = new TimerQueue();
    private final Inbox inbox = new Inbox();
    final DebugMode debug = DebugMode.fromSystemProperties();
    private final LoopReports reports = new LoopReports(debug != null);

    private final boolean virtualTime;
    private long virtualNow;
    /** callLater timers cancelled from other threads, not yet counted by the timer heap. */
    private final AtomicInteger remoteTimerCancels = new AtomicInteger();
    /** Work started elsewhere (executor, CompletableFuture) whose result will come back through the inbox. */
    private final AtomicInteger external = new AtomicInteger();

    private volatile Thread thread;
    private volatile int lifecycle = NEW;
    private volatile IoPoller io;
    private boolean stopRequested;
    private int callbacksSincePoll;

    /** Suspended coroutines, linked through their prev/next fields: the loop keeps them reachable. */
    private StateMachine<?> pendingHead;
    private int pendingCount;
    /** Work started by {@link #submit} whose future is not complete yet; failed if the loop closes first. */
    final java.util.Set<Submission<?>> submissions = new java.util.LinkedHashSet<>();

    private CountDownLatch terminated;

    EventLoop(boolean virtualTime) {
        this.virtualTime = virtualTime;
    }

    // ================================================================== entry points

    /**
     * Runs a new loop on the calling thread until the task made by {@code main} is done, like
     * {@code asyncio.run}. Then cancels the tasks still pending, lets them finish (up to five seconds), reports
     * failures nobody read, and closes the loop.
     *
     * @param main called on the loop thread to start the main task, e.g. {@code () -> AppCoroutines.main()}
     * @return the value of the main task
     * @throws IllegalStateException if called from a thread that is already running a loop
     * @throws RuntimeException the main task's failure, rethrown as it is (checked exceptions too, although
     *     this method does not declare them); a {@link CancelledException} if it was cancelled
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        Objects.requireNonNull(main, "main must not be null");
        return new EventLoop(false).runMain(main);
    }

    /**
     * Starts a loop on a new thread, running until {@link #close()}. Use it to serve from several loops, or to
     * keep a loop for work submitted from other threads.
     *
     * @param threadName the name of the loop's thread
     */
    public static EventLoop startThread(String threadName) {
        Objects.requireNonNull(threadName, "threadName must not be null");
        EventLoop loop = new EventLoop(false);
        CountDownLatch started = new CountDownLatch(1);
        loop.terminated = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                loop.enter();
                started.countDown();
                loop.runUntil(null);
                loop.shutdown(null);
            } finally {
                loop.terminated.countDown();
            }
        }, threadName);
        t.start();
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the event loop", e);
        }
        return loop;
    }

    /**
     * The loop running on the calling thread.
     *
     * @throws IllegalStateException "no running event loop" if this thread runs none
     */
    public static EventLoop current() {
        EventLoop loop = CURRENT.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop on thread '" + Thread.currentThread().getName()
                    + "': start coroutines inside EventLoop.run(() -> ...), or hand them to a loop with "
                    + "loop.submit(() -> ...)");
        }
        return loop;
    }

    static EventLoop currentOrNull() {
        return CURRENT.get();
    }

    <T> T runMain(Supplier<? extends Task<T>> main) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("EventLoop.run cannot be called from a thread that is already "
                    + "running an event loop: await the task instead");
        }
        enter();
        Task<T> task;
        try {
            task = main.get();
            if (task == null) {
                throw new NullPointerException("the main supplier returned null instead of a task");
            }
            runUntil(task);
        } catch (Throwable e) {
            shutdown(null);
            throw e;
        }
        shutdown(task);
        if (task.status == Task.PENDING) {
            throw new IllegalStateException("the loop was stopped before the main task completed: " + task);
        }
        return task.result();
    }

    private void enter() {
        thread = Thread.currentThread();
        CURRENT.set(this);
        lifecycle = RUNNING;
    }

    // ================================================================== the loop

    /** Runs turns until {@code until} is done (or forever when null) or stop is requested. */
    void runUntil(Task<?> until) {
        while (!stopRequested && (until == null || until.status == Task.PENDING)) {
            runOnce();
        }
    }

    /** One turn, as in asyncio's {@code _run_once}. */
    void runOnce() {
        if (remoteTimerCancels.get() != 0) {
            timers.noteCancelled(remoteTimerCancels.getAndSet(0));
        }
        long timeout = 0;
        if (ready.isEmpty() && inbox.isEmpty()) {
            long deadline = timers.nextDeadline();
            if (deadline == Long.MAX_VALUE) {
                timeout = -1;
            } else {
                timeout = Math.max(0, deadline - now());
            }
            if (virtualTime && timeout != 0) {
                timeout = virtualIdle(deadline);
            }
            if (lifecycle == CLOSING && timeout != 0) {
                // shutting down: never block past the grace period, whatever the timers say
                long left = Math.max(1, closeDeadline - System.nanoTime());
                timeout = timeout < 0 ? left : Math.min(timeout, left);
            }
        }
        poll(timeout);
        drainInbox(INBOX_BUDGET);
        if (!timers.isEmpty()) {
            long now = now();
            for (TimerQueue.Entry e = timers.pollDue(now); e != null; e = timers.pollDue(now)) {
                ready.add(e);
            }
        }
        int n = ready.size();
        callbacksSincePoll += n;
        for (; n > 0; n--) {
            runCallback(ready.poll());
        }
        reports.reportCollected();
    }

    /**
     * With a virtual clock and nothing ready: jump to the next timer, unless real events may still come (I/O,
     * work on other threads), in which case wait for them for real. With nothing at all that could happen,
     * fail rather than hang.
     */
    private long virtualIdle(long deadline) {
        // a registered channel nobody waits on cannot wake anyone: only pending waits freeze the clock
        boolean realEvents = external.get() > 0 || (io != null && io.hasWaiters());
        if (realEvents) {
            return deadline == Long.MAX_VALUE ? -1 : Math.min(TimeUnit.MILLISECONDS.toNanos(10),
                    Math.max(0, deadline - virtualNow));
        }
        if (deadline != Long.MAX_VALUE) {
            if (deadline - virtualNow > 0) { // by difference: the virtual clock may wrap like nanoTime
                virtualNow = deadline;
            }
            return 0;
        }
        throw new IllegalStateException("deadlock: nothing is ready, no timer is set and no I/O or other thread "
                + "can wake the loop, yet tasks are waiting: " + describePending());
    }

    private void poll(long timeoutNanos) {
        IoPoller poller = io;
        if (timeoutNanos == 0) {
            // Busy: a selectNow() per turn would cost a system call per hand-off, so poll I/O only after
            // IO_POLL_INTERVAL callbacks, or when nothing but timers and the inbox is ready.
            if (poller != null && poller.hasRegistrations()
                    && (callbacksSincePoll >= IO_POLL_INTERVAL || ready.isEmpty())) {
                callbacksSincePoll = 0;
                poller.poll(0);
            }
            return;
        }
        callbacksSincePoll = 0;
        // An interrupt makes park() and select() return at once, every turn: the loop would spin. A loop is
        // stopped with close(), not with an interrupt, so the flag is cleared here (as Netty does).
        Thread.interrupted();
        try {
            if (!inbox.prepareToBlock()) {
                return;
            }
            if (poller != null) {
                poller.poll(timeoutNanos);
            } else if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            inbox.awake();
        }
    }

    /** Whether a wakeup interrupted the last blocking poll (the selector's early return was expected). */
    boolean wokenUp() {
        return inbox.wokenUp();
    }

    private void runCallback(Object callback) {
        long start = debug == null ? 0 : System.nanoTime();
        try {
            if (callback instanceof StateMachine) {
                ((StateMachine<?>) callback).run();
            } else if (callback instanceof TimerQueue.Entry) {
                ((TimerQueue.Entry) callback).fire();
            } else {
                ((Runnable) callback).run();
            }
        } catch (Throwable e) {
            report("a callback threw: " + callback, e);
        }
        if (debug != null) {
            long took = System.nanoTime() - start;
            if (took > debug.slowStepNanos) {
                Throwable site = callback instanceof StateMachine ? ((StateMachine<?>) callback).createdAt() : null;
                report("a step held the loop for " + TimeUnit.NANOSECONDS.toMillis(took) + " ms: " + callback,
                        site);
            }
        }
    }

    private void drainInbox(int max) {
        inbox.drainTo(ready, max);
    }

    // ================================================================== scheduling

    /** Whether the calling thread is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code callback} on the loop on a later turn, after the callbacks already queued (FIFO). Any thread.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public void callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback must not be null");
        if (inLoop()) {
            if (lifecycle == CLOSED) {
                throw rejected();
            }
            ready.add(callback);
        } else {
            post(callback);
        }
    }

    /** Same as {@link #callSoon}: runs {@code command} on the loop thread. Any thread. */
    @Override
    public void execute(Runnable command) {
        callSoon(command);
    }

    /**
     * Runs {@code callback} on the loop once {@code delay} has passed on the loop's clock. Any thread.
     *
     * @return a handle that cancels the callback, from any thread
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws RejectedExecutionException if the loop is closed
     */
    public Cancellable callLater(Duration delay, Runnable callback) {
        long nanos = toNanos(delay, "delay");
        Objects.requireNonNull(callback, "callback must not be null");
        LoopTimer timer = new LoopTimer(this, callback);
        if (inLoop()) {
            if (lifecycle == CLOSED) {
                throw rejected();
            }
            timers.add(now() + nanos, timer);
        } else {
            post(() -> {
                if (!timer.isCancelled()) {
                    timers.add(now() + nanos, timer);
                }
            });
        }
        return timer;
    }

    /**
     * Starts the task made by {@code work} on the loop, from any thread, and returns a future of its outcome.
     * If the loop closes before the task completes, the future fails with {@link CancelledException} or
     * {@link RejectedExecutionException}.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends Task<T>> work) {
        Objects.requireNonNull(work, "work must not be null");
        CompletableFuture<T> future = new CompletableFuture<>();
        Runnable start = new Submission<>(this, work, future);
        if (inLoop()) {
            callSoon(start);
        } else {
            post(start);
        }
        return future;
    }

    /**
     * Runs blocking or CPU-bound {@code work} on a shared pool of daemon threads (asyncio's
     * {@code to_thread}), and returns a task of this loop that completes with its outcome. Cancelling the task
     * interrupts the work. Call on the loop thread.
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    public <T> Task<T> runInExecutor(Callable<? extends T> work) {
        return runInExecutor(Offload.pool(), work);
    }

    /** Like {@link #runInExecutor(Callable)} on the given executor. */
    public <T> Task<T> runInExecutor(Executor executor, Callable<? extends T> work) {
        Objects.requireNonNull(executor, "executor must not be null");
        Objects.requireNonNull(work, "work must not be null");
        checkThread("runInExecutor()");
        if (lifecycle == CLOSED) {
            throw rejected();
        }
        return Offload.start(this, executor, work);
    }

    /**
     * A task completed with the ready operations once {@code channel} is ready for one of {@code ops}
     * ({@link java.nio.channels.SelectionKey#OP_READ} and the like). The channel is registered with the loop's
     * selector on first use; interest in an op is withdrawn at once when its wait is cancelled, and lazily
     * after it completes (when the selector next reports the op with nobody waiting, so that a task that waits
     * again before the next poll costs no system call). At most one task may wait for a given op of a
     * channel. Call on the loop thread.
     *
     * @throws IllegalArgumentException if {@code ops} is empty or invalid for the channel, or the channel is
     *     in blocking mode
     * @throws IllegalStateException if another task already waits for one of these ops on this channel
     */
    public Task<Integer> awaitReady(SelectableChannel channel, int ops) {
        Objects.requireNonNull(channel, "channel must not be null");
        checkThread("awaitReady()");
        if (lifecycle == CLOSED) {
            throw rejected();
        }
        return poller().awaitReady(channel, ops);
    }

    /**
     * Removes {@code channel} from the loop's selector; its waiting tasks fail with
     * {@link java.nio.channels.ClosedChannelException}. Call before or after closing a channel that tasks
     * may be waiting on. Call on the loop thread.
     */
    public void deregister(SelectableChannel channel) {
        Objects.requireNonNull(channel, "channel must not be null");
        checkThread("deregister()");
        IoPoller p = io;
        if (p != null) {
            p.deregister(channel);
        }
    }

    /** The number of channels registered with this loop's selector. Loop thread. */
    public int registeredChannels() {
        checkThread("registeredChannels()");
        IoPoller p = io;
        return p == null ? 0 : p.registrations();
    }

    /** The loop's clock in nanoseconds: {@link System#nanoTime()}, or the virtual time of a test loop. */
    public long time() {
        return now();
    }

    /** The number of coroutines suspended on this loop (not counting those that completed synchronously). */
    public int pendingTasks() {
        return pendingCount;
    }

    /**
     * Sets where the loop reports what it cannot throw anywhere: failures nobody read, exceptions thrown by
     * callbacks, slow steps in debug mode. {@code null} restores the default, which logs to the
     * {@code System.Logger} named {@code io.github.coro4j}.
     */
    public void setReportHandler(BiConsumer<String, Throwable> handler) {
        reports.setHandler(handler);
    }

    /**
     * Stops the loop and releases it. From another thread (a loop made by {@link #startThread}): asks it to
     * cancel its tasks, waits for it to finish, and returns. On the loop thread: stops after the current turn.
     * Closing twice is harmless.
     */
    @Override
    public void close() {
        if (inLoop()) {
            stopRequested = true;
            return;
        }
        if (lifecycle >= CLOSING || terminated == null) {
            if (terminated != null) {
                awaitTermination();
            }
            return;
        }
        try {
            post(() -> stopRequested = true);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
        awaitTermination();
    }

    private void awaitTermination() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop has been closed. */
    public boolean isClosed() {
        return lifecycle == CLOSED;
    }

    // ================================================================== internals used by tasks

    long now() {
        return virtualTime ? virtualNow : System.nanoTime();
    }

    void advanceVirtualTime(long nanos) {
        virtualNow += nanos;
    }

    /** Throws unless on the loop thread; {@code what} names the operation for the message. */
    void checkThread(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(what + " must be called on the event loop thread '"
                    + (thread == null ? "(not started)" : thread.getName()) + "', not on '"
                    + Thread.currentThread().getName() + "': hand it over with loop.execute(() -> ...)");
        }
    }

    /** Queues a suspended coroutine whose awaited task completed. */
    void resumeLater(StateMachine<?> sm) {
        ready.add(sm);
    }

    /** Queues a timer or a yield to run on the next turn. */
    void readyLater(Object callback) {
        ready.add(callback);
    }

    void addTimer(long delayNanos, TimerQueue.Entry entry) {
        timers.add(now() + delayNanos, entry);
    }

    void link(StateMachine<?> sm) {
        StateMachine<?> head = pendingHead;
        sm.next = head;
        sm.prev = null;
        if (head != null) {
            head.prev = sm;
        }
        pendingHead = sm;
        pendingCount++;
    }

    void unlink(StateMachine<?> sm) {
        StateMachine<?> p = sm.prev;
        StateMachine<?> n = sm.next;
        if (p == null) {
            pendingHead = n;
        } else {
            p.next = n;
        }
        if (n != null) {
            n.prev = p;
        }
        sm.prev = null;
        sm.next = null;
        pendingCount--;
    }

    Object trackFailure(Task<?> task, Throwable failure) {
        return reports.trackFailure(task, failure);
    }

    /** Debug mode: remembers where {@code task} was created, and that nobody has awaited it yet. */
    void trackCreation(Task<?> task, Throwable site) {
        reports.trackCreation(task, site);
    }

    /** Where {@code task} was created, in debug mode; otherwise null. */
    Throwable creationSite(Task<?> task) {
        return reports.creationSite(task);
    }

    void markObserved(Task<?> task) {
        reports.markObserved(task);
    }

    /** A callLater timer was cancelled on another thread. */
    void remoteTimerCancelled() {
        remoteTimerCancels.incrementAndGet();
    }

    /** Counts work that will come back through the inbox (for the virtual clock's idle rule). */
    void externalStarted() {
        external.incrementAndGet();
    }

    void externalFinished() {
        external.decrementAndGet();
    }

    IoPoller poller() {
        IoPoller p = io;
        if (p == null) {
            try {
                p = new IoPoller(this);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open a selector", e);
            }
            io = p;
        }
        return p;
    }

    /** Hands a callback in from another thread; wakes the loop only if it is blocked. */
    private void post(Runnable r) {
        if (lifecycle == CLOSED) {
            throw rejected();
        }
        inbox.add(r);
        if (lifecycle == CLOSED && inbox.remove(r)) {
            // closed between the check and the add, and the loop did not take it: refuse, never lose it
            throw rejected();
        }
        if (inbox.claimWakeup()) {
            IoPoller p = io;
            if (p != null) {
                p.wakeup();
            } else {
                LockSupport.unpark(thread);
            }
        }
    }

    static RejectedExecutionException rejected() {
        return new RejectedExecutionException("the event loop is closed and accepts no new work");
    }

    /** Whether the loop is running and not yet closing. */
    boolean acceptsWork() {
        return lifecycle == RUNNING;
    }

    void report(String message, Throwable error) {
        reports.report(message, error);
    }

    // ================================================================== shutdown

    /**
     * Cancels the pending tasks, runs the loop until they are done (bounded by the grace period), reports
     * unread failures and never-awaited tasks, and closes everything. The outcome of {@code main} (the task of
     * {@link #run}, or null) is handed to the caller, so it counts as read.
     */
    void shutdown(Task<?> main) {
        lifecycle = CLOSING;
        stopRequested = false;
        long deadline = System.nanoTime() + shutdownGraceNanos;
        closeDeadline = deadline;
        cancelPending();
        for (Submission<?> w : new ArrayList<>(submissions)) {
            w.task.cancel(); // a submitted promise or timer is not among the pending coroutines
        }
        while (pendingHead != null && System.nanoTime() - deadline < 0) {
            if (!hasWorkSoon()) {
                break;
            }
            runOnceQuietly();
        }
        if (pendingHead != null) {
            report("tasks still pending when the loop closed: " + describePending(), null);
        }
        // Run what was already queued (completions of cancelled work), then close.
        for (int n = ready.size(); n > 0; n--) {
            runCallback(ready.poll());
        }
        lifecycle = CLOSED;
        // everything: a post that saw the loop open is run; later ones take their callback back and throw
        drainInbox(Integer.MAX_VALUE);
        for (int n = ready.size(); n > 0; n--) {
            runCallback(ready.poll());
        }
        ready.clear();
        timers.drain();
        for (Submission<?> w : submissions) {
            w.abandon();
        }
        submissions.clear();
        if (main != null && main.status != Task.PENDING) {
            main.retrieved();
        }
        IoPoller p = io;
        if (p != null) {
            p.close();
        }
        reports.reportAtClose();
        CURRENT.remove();
    }

    private boolean hasWorkSoon() {
        return !ready.isEmpty() || !inbox.isEmpty() || !timers.isEmpty() || external.get() > 0
                || (io != null && io.hasWaiters());
    }

    private void runOnceQuietly() {
        try {
            runOnce();
        } catch (IllegalStateException deadlock) {
            // virtual clock with nothing left to do: the remaining tasks are reported as pending
            stopRequested = true;
        }
    }

    /** Cancels every suspended coroutine (for shutdown and TestEventLoop). */
    void cancelPending() {
        List<StateMachine<?>> all = new ArrayList<>(pendingCount);
        for (StateMachine<?> sm = pendingHead; sm != null; sm = sm.next) {
            all.add(sm);
        }
        // oldest first: inner coroutines suspend before the outer ones that await them, so each cancel
        // finds the chain below it already cancelled and stops at once (newest first would be quadratic)
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).cancel();
        }
    }

    String describePending() {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (StateMachine<?> sm = pendingHead; sm != null && shown < 20; sm = sm.next, shown++) {
            sb.append(shown == 0 ? "" : ", ").append(sm).append(" awaiting ").append(sm.awaiting());
        }
        if (pendingCount > shown) {
            sb.append(", and ").append(pendingCount - shown).append(" more");
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    static long toNanos(Duration d, String what) {
        Objects.requireNonNull(d, () -> what + " must not be null");
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + (thread == null ? "not started" : thread.getName()) + ", pending=" + pendingCount
                + "]";
    }

    static String nextThreadName() {
        return "coro4j-loop-" + THREADS.incrementAndGet();
    }
}
