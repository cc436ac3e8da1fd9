package io.github.coro4j.sync;

import io.github.coro4j.EventLoop;

/** Binds a primitive to the loop of its first use, and rejects use from any other thread. */
final class LoopBound {
    private EventLoop loop;

    void check(Object owner) {
        EventLoop current = EventLoop.current();
        if (loop == null) {
            loop = current;
        } else if (loop != current) {
            throw new IllegalStateException(owner.getClass().getSimpleName()
                    + " is used by tasks of one event loop only; it belongs to " + loop);
        }
    }
}
