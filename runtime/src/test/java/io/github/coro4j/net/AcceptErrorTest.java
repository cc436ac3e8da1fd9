package io.github.coro4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flood up to the descriptor limit: the server runs in a JVM with {@code ulimit -n 128}, so accepting fails
 * with "Too many open files". The loop must report it, back off, and serve again once descriptors are free.
 */
class AcceptErrorTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void runningOutOfDescriptorsIsReportedAndTheLoopRecovers() throws Exception {
        Assumptions.assumeTrue(new File("/bin/bash").canExecute(), "needs /bin/bash to lower ulimit -n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = new File(LowFdServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath()
                + File.pathSeparator
                + new File(TcpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String cmd = "ulimit -n 128 && exec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + cp + "' "
                + LowFdServer.class.getName();
        Process server = new ProcessBuilder("/bin/bash", "-c", cmd).redirectErrorStream(true).start();
        List<Socket> flood = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), "server said: " + first);
            int port = Integer.parseInt(first.substring(5));
            AtomicInteger acceptErrors = new AtomicInteger();
            AtomicBoolean sawOther = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("ACCEPT_ERROR")) {
                            acceptErrors.incrementAndGet();
                        } else if (!line.startsWith("BYE")) {
                            sawOther.set(true);
                            System.out.println("[low-fd server] " + line);
                        }
                    }
                } catch (Exception ignored) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
            // more connections than the server can hold descriptors for; the kernel completes them in the
            // backlog even when the server cannot accept
            for (int i = 0; i < 200 && acceptErrors.get() == 0; i++) {
                Socket s = new Socket();
                s.connect(address, 2000);
                flood.add(s);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (acceptErrors.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(acceptErrors.get() > 0, "the server reported the failing accept");
            for (Socket s : flood) {
                s.setSoLinger(true, 0);
                s.close();
            }
            flood.clear();
            // descriptors are free again: after the back-off, a new client is served
            boolean served = false;
            for (int attempt = 0; attempt < 50 && !served; attempt++) {
                try (Socket s = new Socket()) {
                    s.connect(address, 2000);
                    s.setSoTimeout(2000);
                    s.getOutputStream().write(42);
                    served = s.getInputStream().read() == 42;
                } catch (Exception notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue(served, "the loop serves again after the descriptor flood");
            server.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            server.getOutputStream().flush();
            assertTrue(server.waitFor(15, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            for (Socket s : flood) {
                s.close();
            }
            server.destroyForcibly();
        }
    }
}
