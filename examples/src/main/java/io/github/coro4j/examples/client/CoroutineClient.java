package io.github.coro4j.examples.client;

import static io.github.coro4j.Coro.all;
import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.sleep;
import static io.github.coro4j.Coro.withTimeout;

import io.github.coro4j.Coroutine;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import io.github.coro4j.TaskTimeoutException;
import io.github.coro4j.net.StreamReader;
import io.github.coro4j.net.StreamWriter;
import io.github.coro4j.net.TcpSocket;
import io.github.coro4j.sync.Semaphore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A concurrent HTTP client on one event loop: {@code n} GET requests with at most {@code concurrency} in flight
 * (a {@link Semaphore}), a timeout on each attempt, and retries with a doubling back-off. Each request is one
 * connection ({@code Connection: close}), answered by any of the example servers.
 *
 * <pre>{@code
 * Summary s = EventLoop.run(() -> CoroutineClientCoroutines.fetchAll(address, "/", 1000,
 *         new Options(50, Duration.ofSeconds(2), 3, Duration.ofMillis(20))));
 * }</pre>
 */
public final class CoroutineClient {
    private CoroutineClient() {
    }

    /**
     * How to fetch.
     *
     * @param concurrency requests in flight at most
     * @param timeout the limit on each attempt (connect, send, read the whole response)
     * @param attempts attempts per request, at least 1
     * @param backOff the pause before the first retry; doubled before each next one
     */
    public record Options(int concurrency, Duration timeout, int attempts, Duration backOff) {
    }

    /** The outcome of one request: its status (-1 when every attempt failed), attempts made, last failure. */
    public record Result(int status, String body, int attempts, String failure) {
    }

    /** What a whole run did. */
    public record Summary(int ok, int failed, int retries, int maxInFlight, List<Result> results) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d ok, %d failed, %d retries, at most %d in flight", ok, failed,
                    retries, maxInFlight);
        }
    }

    /** Counts requests in flight; loop thread only, hence plain fields. */
    static final class Gauge {
        int now;
        int max;
    }

    /** One GET on a fresh connection: the status and body of the response. */
    @Coroutine
    static Result get(InetSocketAddress address, String path, Duration timeout) throws IOException {
        try (TcpSocket socket = await(TcpSocket.connect(address, timeout), IOException.class)) {
            StreamWriter out = new StreamWriter(socket);
            StreamReader in = new StreamReader(socket);
            out.writeUtf8("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            await(out.flush(), IOException.class);
            String status = await(in.readLine(8192), IOException.class);
            if (status == null || !status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("bad status line: " + status);
            }
            int length = -1;
            for (String header = await(in.readLine(8192), IOException.class); header != null && !header.isEmpty();
                    header = await(in.readLine(8192), IOException.class)) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(header.substring(colon + 1).trim());
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length");
            }
            byte[] body = await(in.readExactly(length), IOException.class);
            return new Result(Integer.parseInt(status.substring(9, 12)), new String(body, StandardCharsets.UTF_8), 1,
                    null);
        }
    }

    /** {@link #get} with a timeout on each attempt, retried after a failure or a 5xx answer. */
    @Coroutine
    static Result getWithRetries(InetSocketAddress address, String path, Options options) {
        Duration pause = options.backOff();
        String failure = null;
        for (int attempt = 1; ; attempt++) {
            try {
                Task<Result> call = CoroutineClientCoroutines.get(address, path, options.timeout());
                Result r = await(withTimeout(options.timeout(), call), IOException.class);
                if (r.status() < 500 || attempt >= options.attempts()) {
                    return new Result(r.status(), r.body(), attempt, failure);
                }
                failure = "status " + r.status();
            } catch (IOException | TaskTimeoutException e) {
                failure = e.toString();
                if (attempt >= options.attempts()) {
                    return new Result(-1, null, attempt, failure);
                }
            }
            await(sleep(pause));
            pause = pause.multipliedBy(2);
        }
    }

    /** One request under the semaphore: waits for a permit, fetches, gives the permit back. */
    @Coroutine
    static Result limited(Semaphore permits, Gauge gauge, InetSocketAddress address, String path, Options options) {
        await(permits.acquire());
        gauge.now++;
        gauge.max = Math.max(gauge.max, gauge.now);
        try {
            Task<Result> call = CoroutineClientCoroutines.getWithRetries(address, path, options);
            return await(call);
        } finally {
            gauge.now--;
            permits.release();
        }
    }

    /** Fetches {@code path} {@code n} times, {@code options.concurrency()} at a time, and sums up. */
    @Coroutine
    public static Summary fetchAll(InetSocketAddress address, String path, int n, Options options) {
        Semaphore permits = new Semaphore(options.concurrency());
        Gauge gauge = new Gauge();
        List<Task<Result>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(CoroutineClientCoroutines.limited(permits, gauge, address, path, options));
        }
        List<Result> results = await(all(tasks));
        int ok = 0;
        int retries = 0;
        for (Result r : results) {
            if (r.status() == 200) {
                ok++;
            }
            retries += r.attempts() - 1;
        }
        return new Summary(ok, n - ok, retries, gauge.max, results);
    }

    /** {@code java ... CoroutineClient PORT [N [CONCURRENCY]]}: fetches http://127.0.0.1:PORT/ and prints a summary. */
    public static void main(String[] args) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Options options = new Options(concurrency, Duration.ofSeconds(2), 3, Duration.ofMillis(20));
        long start = System.nanoTime();
        Summary summary = EventLoop.run(() -> CoroutineClientCoroutines.fetchAll(address, "/", n, options));
        System.out.printf(Locale.ROOT, "%s in %d ms%n", summary, (System.nanoTime() - start) / 1_000_000);
    }
}
