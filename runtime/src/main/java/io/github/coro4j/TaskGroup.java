package io.github.coro4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Structured concurrency: a group of child tasks that cannot outlive it, like asyncio's TaskGroup.
 * <pre>{@code
 * try (TaskGroup group = new TaskGroup()) {
 *     group.spawn(FetchCoroutines.fetch(a));
 *     group.spawn(FetchCoroutines.fetch(b));
 *     await(group.join());           // both done, or the first failure rethrown
 * }
 * }</pre>
 * The first child to fail cancels its siblings; {@link #join()} then fails with that first failure (its
 * original exception, so a {@code catch} of its type works), and the failures of the others are attached to
 * it as suppressed and listed by {@link #errors()}. Cancelling the join task (for example by cancelling the
 * coroutine that awaits it) cancels every child, and the join completes once they all have finished.
 * {@link #close()} cancels children still running, so leaving the try block early leaves nothing behind.
 * Loop thread only.
 */
public final class TaskGroup implements AutoCloseable {
    private final EventLoop loop;
    private final Set<Task<?>> running = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final Watcher watcher = new Watcher();
    private Join join;
    private boolean aborting;
    private boolean closed;

    /**
     * Creates a group on the current loop.
     *
     * @throws IllegalStateException if there is no running event loop on this thread
     */
    public TaskGroup() {
        this.loop = EventLoop.current();
    }

    /**
     * Adopts {@code task} (typically just returned by a coroutine factory) as a child of this group. If the
     * group is already cancelling its children after a failure, the task is cancelled at once.
     *
     * @return {@code task}
     * @throws IllegalStateException if the group is closed or its join has completed
     */
    public <T> Task<T> spawn(Task<T> task) {
        Objects.requireNonNull(task, "task");
        loop.checkThread("TaskGroup.spawn()");
        if (closed || (join != null && join.isDone())) {
            task.cancel();
            throw new IllegalStateException("the task group is finished and accepts no new tasks; " + task
                    + " was cancelled");
        }
        EventLoop owner = task.loop();
        if (owner != null && owner != loop) {
            throw new IllegalArgumentException(task + " belongs to another event loop");
        }
        if (task.status != Task.PENDING) {
            childDone(task);
        } else {
            running.add(task);
            task.addWaiter(watcher);
            if (aborting) {
                task.cancel();
            }
        }
        return task;
    }

    /**
     * A task that completes when every child is done: with null, or with the first failure. The same task is
     * returned on every call. Children may still be spawned until it completes.
     */
    public Task<Void> join() {
        loop.checkThread("TaskGroup.join()");
        if (join == null) {
            join = new Join();
            maybeFinish();
        }
        return join;
    }

    /** The failures of children so far, in the order they happened (cancellations are not failures). */
    public List<Throwable> errors() {
        return Collections.unmodifiableList(new ArrayList<>(errors));
    }

    /** The number of children still running. */
    public int size() {
        return running.size();
    }

    /**
     * Closes the group: children still running are cancelled (they finish on later turns), and no new ones are
     * accepted. Await {@link #join()} before closing to wait for them.
     */
    @Override
    public void close() {
        loop.checkThread("TaskGroup.close()");
        closed = true;
        cancelAll();
    }

    private void cancelAll() {
        for (Task<?> t : new ArrayList<>(running)) {
            t.cancel();
        }
    }

    private void childDone(Task<?> child) {
        running.remove(child);
        if (child.status == Task.FAILED) {
            errors.add(child.takeFailure());
            if (!aborting) {
                aborting = true;
                cancelAll();
            }
        } else if (child.status == Task.CANCELLED) {
            child.takeFailure();
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (join == null || join.status != Task.PENDING || !running.isEmpty()) {
            return;
        }
        if (join.cancelRequested) {
            join.finish(Task.CANCELLED, new CancelledException("task group cancelled"));
        } else if (errors.isEmpty()) {
            join.finish(Task.SUCCEEDED, null);
        } else {
            Throwable first = errors.get(0);
            for (int i = 1; i < errors.size(); i++) {
                if (errors.get(i) != first) {
                    first.addSuppressed(errors.get(i));
                }
            }
            join.finish(first instanceof CancelledException ? Task.CANCELLED : Task.FAILED, first);
        }
    }

    /** Listens to every child. */
    private final class Watcher extends Task<Void> {
        @Override
        void awaitedDone(Task<?> child) {
            childDone(child);
        }

        @Override
        EventLoop loop() {
            return loop;
        }
    }

    /** The join task: cancelling it cancels the children and completes once they are done. */
    private final class Join extends Task<Void> {
        boolean cancelRequested;

        @Override
        public boolean cancel() {
            if (status != PENDING) {
                return false;
            }
            loop.checkThread("cancel()");
            cancelRequested = true;
            cancelAll();
            maybeFinish();
            return true;
        }

        @Override
        EventLoop loop() {
            return loop;
        }

        @Override
        String describe() {
            return "TaskGroup.join(" + running.size() + " running)";
        }
    }
}
