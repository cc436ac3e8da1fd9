package io.github.coro4j;

/** The task of {@link Coro#shield}: mirrors the inner task, but cancelling it leaves the inner task running. */
final class ShieldTask<T> extends Task<T> {
    private final EventLoop loop;
    private final Task<T> inner;

    ShieldTask(EventLoop loop, Task<T> inner) {
        this.loop = loop;
        this.inner = inner;
        EventLoop owner = inner.loop();
        if (owner != null && owner != loop) {
            throw new IllegalArgumentException(inner + " belongs to another event loop");
        }
        if (inner.status != PENDING) {
            mirror(inner);
        } else {
            inner.addWaiter(this);
        }
    }

    @Override
    void awaitedDone(Task<?> done) {
        // Once the shield itself is cancelled, the inner outcome is left unread: if it is a failure and nobody
        // else reads it, the loop reports it instead of losing it.
        if (status == PENDING) {
            mirror(inner);
        }
    }

    @Override
    void onFinished() {
        if (status == CANCELLED) {
            inner.removeWaiter(this);
        }
    }

    @Override
    EventLoop loop() {
        return loop;
    }

    @Override
    String describe() {
        return "Shield(" + inner.describe() + ")";
    }
}
