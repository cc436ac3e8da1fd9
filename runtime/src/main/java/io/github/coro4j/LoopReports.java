package io.github.coro4j;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BiConsumer;

/**
 * What a loop reports rather than throws: failures nobody read (asyncio's "exception was never retrieved"),
 * exceptions thrown by callbacks, slow steps and never-awaited tasks in debug mode. Reports go to the handler
 * set with {@link EventLoop#setReportHandler}, else to the {@code System.Logger} {@code io.github.coro4j},
 * else to stderr: reporting never takes the loop down.
 */
final class LoopReports {
    private final UnretrievedFailures failures = new UnretrievedFailures();
    /** Debug mode: tasks nobody has awaited or read yet, with where they were created. */
    private final Map<Task<?>, Throwable> unobserved;
    /** Debug mode: where each coroutine was created (weak keys: a collected task drops its entry). */
    private final Map<Task<?>, Throwable> creationSites;
    private volatile BiConsumer<String, Throwable> handler;

    LoopReports(boolean debug) {
        this.unobserved = debug ? new WeakHashMap<>() : null;
        this.creationSites = debug ? new WeakHashMap<>() : null;
    }

    void setHandler(BiConsumer<String, Throwable> handler) {
        this.handler = handler;
    }

    Object trackFailure(Task<?> task, Throwable failure) {
        return failures.track(task, failure);
    }

    void trackCreation(Task<?> task, Throwable site) {
        if (creationSites != null) {
            creationSites.put(task, site);
            unobserved.put(task, site);
        }
    }

    Throwable creationSite(Task<?> task) {
        return creationSites == null ? null : creationSites.get(task);
    }

    void markObserved(Task<?> task) {
        if (unobserved != null) {
            unobserved.remove(task);
        }
    }

    /** Once per turn: reports the failures of tasks collected unread. */
    void reportCollected() {
        for (FailureTracker lost : failures.pollCollected()) {
            reportLost(lost);
        }
    }

    /** At close: reports every failure still unread and, in debug mode, every task never awaited. */
    void reportAtClose() {
        for (FailureTracker lost : failures.drain()) {
            reportLost(lost);
        }
        if (unobserved != null) {
            for (Map.Entry<Task<?>, Throwable> e : unobserved.entrySet()) {
                Task<?> t = e.getKey();
                if (t != null && t.status == Task.SUCCEEDED) {
                    report("Task was never awaited: " + t, e.getValue());
                }
            }
            unobserved.clear();
        }
    }

    private void reportLost(FailureTracker lost) {
        Throwable failure = lost.failure;
        if (lost.createdAt != null && failure.getSuppressed().length == 0) {
            failure.addSuppressed(lost.createdAt);
        }
        report("Task exception was never retrieved: " + lost.task, failure);
    }

    void report(String message, Throwable error) {
        BiConsumer<String, Throwable> h = handler;
        if (h != null) {
            try {
                h.accept(message, error);
                return;
            } catch (Throwable e) {
                error = e;
                message = "the report handler threw while reporting: " + message;
            }
        }
        try {
            System.Logger log = System.getLogger("io.github.coro4j");
            if (error == null) {
                log.log(System.Logger.Level.WARNING, message);
            } else {
                log.log(System.Logger.Level.WARNING, message, error);
            }
        } catch (Throwable logFailed) {
            // Logging itself can fail (out of file descriptors while loading its configuration: InternalError).
            // Reporting must never take the loop down: fall back to stderr, and give up quietly after that.
            try {
                System.err.println("coro4j: " + message + (error == null ? "" : ": " + error)
                        + " (logging failed: " + logFailed + ")");
            } catch (Throwable ignored) {
                // nothing left to report with
            }
        }
    }
}
