package io.github.coro4j;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Stands in a failed task's result until someone reads the failure. If the task is garbage collected, or the
 * loop closes, while the failure is unread, the loop reports it (asyncio's "exception was never retrieved").
 * Only failures pay for this; successful tasks never see it.
 */
final class FailureTracker extends WeakReference<Task<?>> {
    final Throwable failure;
    final String task;
    final Throwable createdAt;
    private final UnretrievedFailures owner;

    FailureTracker(Task<?> task, Throwable failure, UnretrievedFailures owner, ReferenceQueue<Task<?>> queue) {
        super(task, queue);
        this.failure = failure;
        this.task = task.describe();
        this.createdAt = task instanceof StateMachine ? ((StateMachine<?>) task).createdAt() : null;
        this.owner = owner;
    }

    void retrieved() {
        owner.remove(this);
    }
}
