package io.github.coro4j.examples.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load test does.
 *
 * @param protocol       {@code echo} (fixed-size messages echoed back) or {@code http} (keep-alive GET /)
 * @param port           the server's port on 127.0.0.1
 * @param connections    concurrent connections, each with one request in flight at most
 * @param rate           total requests per second over all connections (open loop), or 0 for closed loop
 * @param warmupMillis   load before measuring starts
 * @param durationMillis the measured time
 * @param messageBytes   the echo message size
 */
public record LoadSpec(String protocol, int port, int connections, double rate, long warmupMillis,
        long durationMillis, int messageBytes) {
    /** The HTTP request sent in {@code http} mode. */
    public static final String HTTP_REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    /** Checks the arguments. */
    public LoadSpec {
        if (!protocol.equals("echo") && !protocol.equals("http")) {
            throw new IllegalArgumentException("protocol must be echo or http: " + protocol);
        }
        if (port <= 0 || connections <= 0 || rate < 0 || warmupMillis < 0 || durationMillis <= 0 || messageBytes <= 0) {
            throw new IllegalArgumentException("bad load spec: " + Arrays.toString(new Object[] {
                port, connections, rate, warmupMillis, durationMillis, messageBytes}));
        }
    }

    byte[] requestBytes() {
        if (protocol.equals("http")) {
            return HTTP_REQUEST.getBytes(StandardCharsets.US_ASCII);
        }
        byte[] message = new byte[messageBytes];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        return message;
    }

    ResponseFramer newFramer() {
        return protocol.equals("http") ? new HttpResponseFramer() : new EchoFramer(requestBytes());
    }

    /** The spec as command-line arguments for {@link LoadGenerator#main}. */
    public List<String> toArgs() {
        return List.of("--protocol", protocol, "--port", Integer.toString(port), "--connections",
                Integer.toString(connections), "--rate", Double.toString(rate), "--warmup-ms",
                Long.toString(warmupMillis), "--duration-ms", Long.toString(durationMillis), "--message-bytes",
                Integer.toString(messageBytes));
    }

    /** Parses {@link #toArgs()}. */
    public static LoadSpec fromArgs(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return new LoadSpec(options.getOrDefault("--protocol", "echo"), Integer.parseInt(options.get("--port")),
                Integer.parseInt(options.getOrDefault("--connections", "100")),
                Double.parseDouble(options.getOrDefault("--rate", "0")),
                Long.parseLong(options.getOrDefault("--warmup-ms", "1000")),
                Long.parseLong(options.getOrDefault("--duration-ms", "3000")),
                Integer.parseInt(options.getOrDefault("--message-bytes", "64")));
    }
}
