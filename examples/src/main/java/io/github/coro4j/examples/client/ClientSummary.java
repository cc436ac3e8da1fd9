package io.github.coro4j.examples.client;

/**
 * What a run of the concurrent client did.
 *
 * @param succeeded     requests answered 200 (possibly after retries)
 * @param failed        requests that still failed after the last attempt
 * @param retries       extra attempts made in all
 * @param timeouts      attempts that timed out
 * @param maxInFlight   the most requests in flight at once: never above the concurrency bound
 * @param elapsedMillis wall time of the whole run
 */
public record ClientSummary(int succeeded, int failed, int retries, int timeouts, int maxInFlight,
        long elapsedMillis) {
}
