package io.github.coro4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Work handed to the loop by other threads, and the wakeup protocol (Netty's): the loop publishes
 * {@code BLOCKED} before its last look at the queue, and a producer that then sees {@code BLOCKED} and wins the
 * CAS back to {@code AWAKE} is the one that wakes it. The expensive wakeup (a write to the selector's pipe, or
 * an unpark) is paid once per blocking episode, never per task, and never while the loop is busy.
 */
final class Inbox {
    private static final int AWAKE = 0;
    private static final int BLOCKED = 1;
    private static final VarHandle WAKE;

    static {
        try {
            WAKE = MethodHandles.lookup().findVarHandle(Inbox.class, "wakeState", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private volatile int wakeState = AWAKE;
    private volatile boolean wokenUp;

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void add(Runnable r) {
        queue.add(r);
    }

    /** Takes back a callback the loop has not taken (a post that raced with close). */
    boolean remove(Runnable r) {
        return queue.remove(r);
    }

    /** Moves at most {@code max} callbacks to the ready queue. */
    void drainTo(ArrayDeque<Object> ready, int max) {
        Runnable r;
        for (int n = 0; n < max && (r = queue.poll()) != null; n++) {
            ready.add(r);
        }
    }

    /** Loop thread, before blocking: returns false if work arrived meanwhile, and the loop must not block. */
    boolean prepareToBlock() {
        wokenUp = false;
        wakeState = BLOCKED;
        return queue.isEmpty();
    }

    /** Loop thread, after blocking (or deciding not to). */
    void awake() {
        wakeState = AWAKE;
    }

    /** Producer, after {@link #add}: true if the loop is blocked and this caller must wake it. */
    boolean claimWakeup() {
        if (wakeState == BLOCKED && WAKE.compareAndSet(this, BLOCKED, AWAKE)) {
            wokenUp = true;
            return true;
        }
        return false;
    }

    /** Whether a producer woke the loop during its last blocking poll. */
    boolean wokenUp() {
        return wokenUp;
    }
}
