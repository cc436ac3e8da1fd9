package io.github.coro4j;

/** The task of {@link Coro#sleep} and {@link Coro#yieldNow}: one object that is both the task and its timer. */
final class SleepTask extends Task<Void> implements TimerQueue.Entry, Runnable {
    private final EventLoop loop;
    /** In the timer heap (sleep) rather than the ready queue (yieldNow). */
    private final boolean timed;

    SleepTask(EventLoop loop, boolean timed) {
        this.loop = loop;
        this.timed = timed;
    }

    @Override
    EventLoop loop() {
        return loop;
    }

    @Override
    public boolean isDead() {
        return status != PENDING;
    }

    @Override
    public void fire() {
        finish(SUCCEEDED, null);
    }

    /** yieldNow(): queued on the ready queue instead of the timer heap. */
    @Override
    public void run() {
        finish(SUCCEEDED, null);
    }

    @Override
    public boolean cancel() {
        if (super.cancel()) {
            if (timed) {
                loop.timers.noteCancelled();
            }
            return true;
        }
        return false;
    }

    @Override
    String describe() {
        return timed ? "Sleep" : "Yield";
    }
}
