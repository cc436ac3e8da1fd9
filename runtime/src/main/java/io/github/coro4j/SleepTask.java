package io.github.coro4j;

/** The task of {@link Coro#sleep} and {@link Coro#yieldNow}: one object that is both the task and its timer. */
final class SleepTask extends Task<Void> implements TimerQueue.Entry, Runnable {
    private final EventLoop loop;

    SleepTask(EventLoop loop) {
        this.loop = loop;
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
            loop.timers.noteCancelled();
            return true;
        }
        return false;
    }

    @Override
    String describe() {
        return "Sleep";
    }
}
