package io.github.coro4j;

/**
 * Debug mode, on with {@code -Dcoro4j.debug=true}: coroutine creation sites are kept for diagnostics, a step
 * that holds the loop longer than {@code coro4j.slowStepMillis} (default 100) is reported, and coroutines
 * whose result nobody ever reads are reported when the loop closes.
 */
final class DebugMode {
    final long slowStepNanos;

    private DebugMode(long slowStepNanos) {
        this.slowStepNanos = slowStepNanos;
    }

    /** The debug settings from system properties, or null when debug mode is off. */
    static DebugMode fromSystemProperties() {
        if (!Boolean.getBoolean("coro4j.debug")) {
            return null;
        }
        long millis = Long.getLong("coro4j.slowStepMillis", 100L);
        if (millis < 0) {
            throw new IllegalArgumentException("coro4j.slowStepMillis must not be negative: " + millis);
        }
        return new DebugMode(millis * 1_000_000L);
    }

    Throwable creationSite(Task<?> task) {
        return new Throwable("created here: " + task.describe());
    }
}
