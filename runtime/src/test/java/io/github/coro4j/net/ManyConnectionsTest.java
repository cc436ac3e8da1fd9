package io.github.coro4j.net;

import static io.github.coro4j.net.NetTestSupport.eventually;
import static io.github.coro4j.net.NetTestSupport.onLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 10,000 concurrent connections served by one loop; the clients live in a separate JVM. */
class ManyConnectionsTest {
    static final int CONNECTIONS = 10_000;

    /** The soft "Max open files" of this process, or -1 if unknown. */
    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tenThousandConcurrentConnectionsOnOneLoop() throws Exception {
        long limit = openFileLimit();
        Assumptions.assumeTrue(limit >= CONNECTIONS + 1000,
                "skipped: this test needs an open-file limit of at least " + (CONNECTIONS + 1000)
                        + " per process (ulimit -n), this one has " + limit);
        EventLoop loop = EventLoop.startThread("ten-thousand");
        java.util.Queue<Throwable> unexpected = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Process client = null;
        try {
            TcpServer server = onLoop(loop, () -> {
                TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0), 4096, false);
                // the client resets its connections at the end: count those instead of logging 10,000 of them
                s.setErrorHandler((m, e) -> {
                    if (!(e instanceof java.io.IOException)) {
                        unexpected.add(e);
                    }
                });
                s.serve(sock -> new EchoHandler(sock, 64).start());
                return s;
            });
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = new File(ManyConnectionsClient.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).getPath();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp,
                    ManyConnectionsClient.class.getName(), "127.0.0.1",
                    Integer.toString(server.localAddress().getPort()), Integer.toString(CONNECTIONS)));
            long start = System.nanoTime();
            client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = out.readLine()) != null && !line.startsWith("ECHOED") && !line.startsWith("TIMEOUT")) {
                seen.add(line);
            }
            assertEquals("ECHOED " + CONNECTIONS, line, "client output: " + seen);
            long echoedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // all of them are open at once, on one loop
            assertEquals(CONNECTIONS, server.connectionCount());
            assertEquals(CONNECTIONS + 1, (int) onLoop(loop, loop::registeredChannels));
            System.out.println("[many-connections] " + CONNECTIONS + " connections connected and echoed in "
                    + echoedMs + " ms (including the client JVM's start)");
            OutputStream in = client.getOutputStream();
            in.write("close\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue(client.waitFor(30, TimeUnit.SECONDS));
            assertTrue(eventually(20_000, () -> server.connectionCount() == 0),
                    () -> "still open: " + server.connectionCount());
            assertTrue(eventually(5_000, () -> onLoop(loop, loop::registeredChannels) == 1));
            onLoop(loop, () -> server.shutdown(Duration.ZERO));
            assertTrue(unexpected.isEmpty(), () -> "unexpected failures: " + unexpected);
        } finally {
            if (client != null) {
                client.destroyForcibly();
            }
            loop.close();
        }
    }
}
