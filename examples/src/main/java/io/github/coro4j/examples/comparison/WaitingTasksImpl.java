package io.github.coro4j.examples.comparison;

/**
 * The memory scenario: many tasks that all wait for one event. The probe measures heap (after GC) and RSS before
 * {@link #startWaiting} and after it, divided by the number of tasks. Implementations live in a child JVM of their
 * own, one per count.
 */
public interface WaitingTasksImpl {
    /** Starts {@code count} tasks and returns once every one of them is suspended, waiting. */
    void startWaiting(int count) throws Exception;

    /** Wakes every task and returns once all have finished. */
    void releaseAndJoin() throws Exception;
}
