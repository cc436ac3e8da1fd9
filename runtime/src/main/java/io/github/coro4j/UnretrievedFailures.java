package io.github.coro4j;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The failures of a loop's tasks that nobody has read yet. Polled once per turn: a tracker whose task was
 * garbage collected with its failure unread is reported; at close, every unread failure is. Synchronized
 * because a done task may be read from any thread.
 */
final class UnretrievedFailures {
    private final ReferenceQueue<Task<?>> collected = new ReferenceQueue<>();
    private final Set<FailureTracker> open = Collections.newSetFromMap(new IdentityHashMap<>());

    synchronized FailureTracker track(Task<?> task, Throwable failure) {
        FailureTracker t = new FailureTracker(task, failure, this, collected);
        open.add(t);
        return t;
    }

    synchronized void remove(FailureTracker tracker) {
        open.remove(tracker);
    }

    /** Trackers of tasks collected with their failure unread. Cheap when there are none. */
    List<FailureTracker> pollCollected() {
        Reference<? extends Task<?>> ref = collected.poll();
        if (ref == null) {
            return List.of();
        }
        List<FailureTracker> lost = new ArrayList<>();
        synchronized (this) {
            for (; ref != null; ref = collected.poll()) {
                FailureTracker t = (FailureTracker) ref;
                if (open.remove(t)) {
                    lost.add(t);
                }
            }
        }
        return lost;
    }

    /** All failures still unread, oldest first is not guaranteed; clears the set. */
    synchronized List<FailureTracker> drain() {
        List<FailureTracker> all = new ArrayList<>(open);
        open.clear();
        return all;
    }

    synchronized int size() {
        return open.size();
    }
}
