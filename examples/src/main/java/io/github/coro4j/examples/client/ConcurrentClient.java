package io.github.coro4j.examples.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many requests to one HTTP server with bounded concurrency, per-attempt timeouts and retries, as blocking code on
 * virtual threads: one virtual thread per request, a {@link Semaphore} so that at most {@code concurrency} are in
 * flight, {@link HttpRequest#timeout} on each attempt, and up to {@code attempts} attempts with exponential backoff
 * after an I/O error, a timeout or a 5xx answer. The coroutine version (issue 5) has the same shape with
 * {@code io.github.coro4j.sync.Semaphore} and {@code Coro.withTimeout}.
 */
public final class ConcurrentClient {
    private final int concurrency;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;

    /**
     * @param concurrency  the most requests in flight at once
     * @param timeout      the time one attempt may take
     * @param attempts     attempts per request, at least 1
     * @param firstBackoff the pause before the first retry; doubled before each further one
     */
    public ConcurrentClient(int concurrency, Duration timeout, int attempts, Duration firstBackoff) {
        if (concurrency < 1 || attempts < 1 || timeout.isNegative() || timeout.isZero() || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("concurrency and attempts must be positive, timeout too");
        }
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    /** GETs {@code uri} {@code count} times and returns what happened; returns when every request is done. */
    public ClientSummary getMany(URI uri, int count) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        long start = System.nanoTime();
        // the client outlives the executor: closing the executor waits for every request, then the client closes
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            for (int i = 0; i < count; i++) {
                threads.submit(() -> {
                    permits.acquire();
                    int now = inFlight.incrementAndGet();
                    maxInFlight.accumulateAndGet(now, Math::max);
                    try {
                        (fetch(client, request, retries, timeouts) ? succeeded : failed).incrementAndGet();
                    } finally {
                        inFlight.decrementAndGet();
                        permits.release();
                    }
                    return null;
                });
            }
        }
        return new ClientSummary(succeeded.get(), failed.get(), retries.get(), timeouts.get(), maxInFlight.get(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** One request with its retries; true when it got a 200. */
    private boolean fetch(HttpClient client, HttpRequest request, AtomicInteger retries, AtomicInteger timeouts)
            throws InterruptedException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
                if (response.statusCode() < 500) {
                    return false; // a client error does not get better by retrying
                }
            } catch (HttpTimeoutException e) {
                timeouts.incrementAndGet();
            } catch (IOException e) {
                // reset, refused, closed early: retry
            }
            if (attempt == attempts) {
                return false;
            }
            retries.incrementAndGet();
            Thread.sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }
}
