package io.github.coro4j.examples.comparison;

import io.github.coro4j.examples.ChildJvm;
import io.github.coro4j.examples.LoopbackServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one server in a JVM of its own: {@code ServerHost echo|http <side>} starts it on an ephemeral port, prints
 * {@code PORT <n>}, serves until its standard input ends, stops the server and prints {@code STOPPED}.
 */
public final class ServerHost {
    private ServerHost() {
    }

    /** The child JVM's entry point. */
    public static void main(String[] args) throws IOException {
        LoopbackServer server = create(args[0], Side.ofId(args[1]));
        int port = server.start(0);
        System.out.println("PORT " + port);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // serve until the parent closes our input
            }
        } finally {
            server.stop();
            System.out.println("STOPPED");
            System.out.flush();
        }
    }

    static LoopbackServer create(String kind, Side side) {
        Supplier<? extends LoopbackServer> factory = switch (kind) {
            case "echo" -> Implementations.echoServer(side).orElse(null);
            case "http" -> Implementations.httpServer(side).orElse(null);
            default -> throw new IllegalArgumentException("kind must be echo or http: " + kind);
        };
        if (factory == null) {
            throw new IllegalArgumentException("no " + kind + " server for " + side.label());
        }
        return factory.get();
    }

    /** A server running in a child JVM. */
    public static final class Running implements AutoCloseable {
        private final ChildJvm child;
        private final int port;

        private Running(ChildJvm child, int port) {
            this.child = child;
            this.port = port;
        }

        /** Starts the {@code kind} server of {@code side} in a child JVM pinned to {@code cpu} (or -1). */
        public static Running start(String kind, Side side, int cpu) throws IOException {
            ChildJvm child = ChildJvm.start(kind + " server (" + side.label() + ")", ServerHost.class,
                    List.of("-Xms256m", "-Xmx1g"), List.of(kind, side.id()), cpu);
            try {
                String line = child.awaitLine("PORT ", Duration.ofSeconds(30));
                return new Running(child, Integer.parseInt(line.substring(5).trim()));
            } catch (IOException | RuntimeException e) {
                child.close();
                throw e;
            }
        }

        /** The port it listens on, on 127.0.0.1. */
        public int port() {
            return port;
        }

        @Override
        public void close() {
            child.stop(Duration.ofSeconds(15));
        }
    }
}
