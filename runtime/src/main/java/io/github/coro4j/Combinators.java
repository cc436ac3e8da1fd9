package io.github.coro4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;

/** The tasks behind {@link Coro#all}, {@link Coro#any} and {@link Coro#race}. */
final class Combinators {
    private Combinators() {}

    static <T> Task<List<T>> all(EventLoop loop, Collection<? extends Task<? extends T>> tasks) {
        AllTask<T> all = new AllTask<>(loop, copy(loop, tasks, false));
        all.begin();
        return all;
    }

    static <T> Task<T> any(EventLoop loop, Collection<? extends Task<? extends T>> tasks) {
        FirstTask<T> any = new FirstTask<>(loop, copy(loop, tasks, true), true);
        any.begin();
        return any;
    }

    static <T> Task<T> race(EventLoop loop, Collection<? extends Task<? extends T>> tasks) {
        FirstTask<T> race = new FirstTask<>(loop, copy(loop, tasks, true), false);
        race.begin();
        return race;
    }

    private static <T> List<Task<? extends T>> copy(EventLoop loop, Collection<? extends Task<? extends T>> tasks,
                                                     boolean nonEmpty) {
        Objects.requireNonNull(tasks, "tasks");
        List<Task<? extends T>> list = new ArrayList<>(tasks.size());
        for (Task<? extends T> t : tasks) {
            Objects.requireNonNull(t, "tasks must not contain null");
            EventLoop owner = t.loop();
            if (owner != null && owner != loop) {
                throw new IllegalArgumentException(t + " belongs to another event loop");
            }
            list.add(t);
        }
        if (nonEmpty && list.isEmpty()) {
            throw new IllegalArgumentException("no tasks given: there is no first one to wait for");
        }
        return list;
    }

    /** Shared parts: the children, who listens to whom, cancelling the rest. */
    abstract static class Group<T, R> extends Task<R> {
        final EventLoop loop;
        final List<Task<? extends T>> children;

        Group(EventLoop loop, List<Task<? extends T>> children) {
            this.loop = loop;
            this.children = children;
        }

        void begin() {
            for (Task<? extends T> child : children) {
                if (status != PENDING) {
                    break;
                }
                if (child.status != PENDING) {
                    childDone(child);
                } else {
                    child.addWaiter(this);
                }
            }
        }

        abstract void childDone(Task<?> child);

        @Override
        final void awaitedDone(Task<?> child) {
            if (status == PENDING) {
                childDone(child);
            }
        }

        final void cancelOthers() {
            for (Task<? extends T> child : children) {
                if (child.status == PENDING) {
                    child.removeWaiter(this);
                    child.cancel();
                }
            }
        }

        @Override
        public boolean cancel() {
            if (status != PENDING) {
                return false;
            }
            loop.checkThread("cancel()");
            finish(CANCELLED, new CancelledException("cancelled: " + this));
            cancelOthers();
            return true;
        }

        @Override
        final EventLoop loop() {
            return loop;
        }
    }

    static final class AllTask<T> extends Group<T, List<T>> {
        private final Object[] values;
        /** Which slots hold their value: a task listed twice is reported (and counted) once per slot. */
        private final boolean[] filled;
        private int remaining;
        /** Child to its positions, for large groups (a child may appear more than once). */
        private final IdentityHashMap<Task<?>, Object> positions;

        AllTask(EventLoop loop, List<Task<? extends T>> children) {
            super(loop, children);
            this.values = new Object[children.size()];
            this.filled = new boolean[children.size()];
            this.remaining = children.size();
            if (children.size() <= 8) {
                positions = null;
            } else {
                positions = new IdentityHashMap<>(children.size() * 2);
                for (int i = 0; i < children.size(); i++) {
                    Integer index = i;
                    positions.merge(children.get(i), index, (a, b) -> a instanceof List
                            ? append(a, index) : new ArrayList<>(List.of((Integer) a, index)));
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static Object append(Object list, Integer index) {
            ((List<Integer>) list).add(index);
            return list;
        }

        private void fill(int i, Object value) {
            if (!filled[i]) {
                filled[i] = true;
                values[i] = value;
                remaining--;
            }
        }

        @Override
        void begin() {
            if (remaining == 0) {
                finish(SUCCEEDED, List.of());
                return;
            }
            super.begin();
        }

        @Override
        void childDone(Task<?> child) {
            if (child.status == SUCCEEDED) {
                // a task may appear more than once, and then reports once per slot: fill each slot once
                if (positions == null) {
                    for (int i = 0; i < values.length; i++) {
                        if (children.get(i) == child) {
                            fill(i, child.result);
                        }
                    }
                } else {
                    Object at = positions.get(child);
                    if (at instanceof Integer) {
                        fill((Integer) at, child.result);
                    } else {
                        for (Object i : (List<?>) at) {
                            fill((Integer) i, child.result);
                        }
                    }
                }
                if (remaining == 0) {
                    @SuppressWarnings("unchecked") List<T> list = (List<T>) Arrays.asList(values);
                    finish(SUCCEEDED, list);
                }
            } else {
                finish(child.status, child.takeFailure());
                cancelOthers();
            }
        }

        @Override
        String describe() {
            return "All(" + children.size() + ")";
        }
    }

    static final class FirstTask<T> extends Group<T, T> {
        private final boolean firstSuccess;
        private int failures;
        private Throwable firstFailure;

        FirstTask(EventLoop loop, List<Task<? extends T>> children, boolean firstSuccess) {
            super(loop, children);
            this.firstSuccess = firstSuccess;
        }

        @Override
        void childDone(Task<?> child) {
            if (child.status == SUCCEEDED || !firstSuccess) {
                @SuppressWarnings("unchecked") Task<? extends T> c = (Task<? extends T>) child;
                mirror(c);
                cancelOthers();
                return;
            }
            Throwable failure = child.takeFailure();
            if (firstFailure == null) {
                firstFailure = failure;
            } else if (failure != firstFailure) {
                firstFailure.addSuppressed(failure);
            }
            if (++failures == children.size()) {
                finish(firstFailure instanceof CancelledException ? CANCELLED : FAILED, firstFailure);
            }
        }

        @Override
        String describe() {
            return (firstSuccess ? "Any(" : "Race(") + children.size() + ")";
        }
    }
}
