package io.github.coro4j.examples.loadgen;

import java.util.HashMap;
import java.util.Map;

/**
 * What a load test measured: responses completed in the measured window, requests unanswered at its end (open
 * loop; their latency so far is in the percentiles), the completion rate, latency percentiles in microseconds, and
 * connections that failed.
 */
public record LoadResult(int connections, long completed, long unfinished, double perSecond, double p50Micros, double p90Micros,
        double p99Micros, double p999Micros, double maxMicros, long errors) {

    /** The one line the child process prints. */
    public String toLine() {
        return String.format(java.util.Locale.ROOT,
                "RESULT connections=%d completed=%d unfinished=%d perSecond=%.1f p50us=%.1f p90us=%.1f p99us=%.1f p999us=%.1f"
                        + " maxus=%.1f errors=%d",
                connections, completed, unfinished, perSecond, p50Micros, p90Micros, p99Micros, p999Micros, maxMicros, errors);
    }

    /** Parses {@link #toLine()}. */
    public static LoadResult parse(String line) {
        if (!line.startsWith("RESULT ")) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : line.substring(7).trim().split(" ")) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new LoadResult(Integer.parseInt(fields.get("connections")), Long.parseLong(fields.get("completed")),
                Long.parseLong(fields.get("unfinished")), Double.parseDouble(fields.get("perSecond")), Double.parseDouble(fields.get("p50us")),
                Double.parseDouble(fields.get("p90us")), Double.parseDouble(fields.get("p99us")),
                Double.parseDouble(fields.get("p999us")), Double.parseDouble(fields.get("maxus")),
                Long.parseLong(fields.get("errors")));
    }
}
