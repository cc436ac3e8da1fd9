package io.github.coro4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A callback scheduled with {@link EventLoop#callLater}; cancellable from any thread. */
final class LoopTimer implements TimerQueue.Entry, Cancellable {
    private final EventLoop loop;
    private final Runnable action;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LoopTimer.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 0 pending, 1 fired, 2 cancelled. Changed by CAS: cancel() may come from any thread. */
    private volatile int state;

    LoopTimer(EventLoop loop, Runnable action) {
        this.loop = loop;
        this.action = action;
    }

    @Override
    public boolean isCancelled() {
        return state == 2;
    }

    @Override
    public boolean isDead() {
        return state != 0;
    }

    @Override
    public void fire() {
        if (STATE.compareAndSet(this, 0, 1)) {
            action.run();
        }
    }

    @Override
    public boolean cancel() {
        if (!STATE.compareAndSet(this, 0, 2)) {
            return false;
        }
        if (loop.inLoop()) {
            loop.timers.noteCancelled();
        } else {
            loop.remoteTimerCancelled(); // counted on the loop's next turn, so the heap still gets compacted
        }
        return true;
    }

    @Override
    public String toString() {
        return "LoopTimer[" + action + "]";
    }
}
