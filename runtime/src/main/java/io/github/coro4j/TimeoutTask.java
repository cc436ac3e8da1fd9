package io.github.coro4j;

import java.time.Duration;

/** The task of {@link Coro#withTimeout}: the inner task's outcome, or a timeout once it has been cancelled. */
final class TimeoutTask<T> extends Task<T> implements TimerQueue.Entry {
    private final EventLoop loop;
    private final Task<T> inner;
    private final Duration timeout;
    private boolean timedOut;

    TimeoutTask(EventLoop loop, Task<T> inner, long nanos, Duration timeout) {
        this.loop = loop;
        this.inner = inner;
        this.timeout = timeout;
        EventLoop owner = inner.loop();
        if (owner != null && owner != loop) {
            throw new IllegalArgumentException(inner + " belongs to another event loop");
        }
        if (inner.status != PENDING) {
            mirror(inner);
            return;
        }
        inner.addWaiter(this);
        loop.addTimer(nanos, this);
    }

    @Override
    public boolean isDead() {
        return status != PENDING || timedOut;
    }

    @Override
    public void fire() {
        if (status != PENDING) {
            return;
        }
        timedOut = true;
        inner.cancel();
    }

    @Override
    void awaitedDone(Task<?> done) {
        if (status != PENDING) {
            return;
        }
        if (timedOut && inner.status == CANCELLED) {
            inner.takeFailure();
            finish(FAILED, new TaskTimeoutException("timed out after " + timeout + ": " + inner));
        } else {
            mirror(inner);
        }
    }

    @Override
    void onFinished() {
        if (!timedOut) {
            loop.timers.noteCancelled();
        }
    }

    /** Cancels the inner task; this task completes when it does (cancelled, unless it ignored the request). */
    @Override
    public boolean cancel() {
        if (status != PENDING) {
            return false;
        }
        loop.checkThread("cancel()");
        if (!inner.cancel() && inner.status != PENDING) {
            mirror(inner);
        }
        return true;
    }

    @Override
    EventLoop loop() {
        return loop;
    }

    @Override
    String describe() {
        return "Timeout(" + timeout + ")";
    }
}
