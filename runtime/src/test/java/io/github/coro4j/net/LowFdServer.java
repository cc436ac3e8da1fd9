package io.github.coro4j.net;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An echo server for the accept-error test, run in a JVM whose open-file limit was lowered: prints "PORT n",
 * reports accept failures as "ACCEPT_ERROR ..." lines, and exits on any line from stdin (or after 40 s).
 */
public final class LowFdServer {
    private LowFdServer() {}

    public static void main(String[] args) throws Exception {
        // Out of descriptors, the JVM cannot open class files either: load the runtime's classes now, while
        // there are descriptors to spare, as a long-running server would have by the time it is flooded.
        preload(java.nio.file.Path.of(TcpServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        preload(java.nio.file.Path.of(LowFdServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        EventLoop loop = EventLoop.startThread("low-fd-server");
        TcpServer server = loop.submit(() -> {
            try {
                TcpServer s = TcpServer.bind(new InetSocketAddress("127.0.0.1", 0));
                s.setErrorHandler((m, e) -> {
                    if (m.startsWith("accept failed")) {
                        System.out.println("ACCEPT_ERROR " + e);
                    }
                });
                s.serve(EchoHandler::handle);
                return Task.completed(s);
            } catch (Exception e) {
                return Task.failed(e);
            }
        }).get(10, TimeUnit.SECONDS);
        // ... and run one connection through every path once (the JDK initialises some socket classes lazily,
        // on the first close, and that needs a descriptor too)
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket warm = new java.net.Socket()) {
                warm.connect(server.localAddress());
                warm.getOutputStream().write(1);
                warm.getInputStream().read();
                if (i == 2) {
                    warm.setSoLinger(true, 0);
                }
            }
        }
        System.out.println("PORT " + server.localAddress().getPort());
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(40_000);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println("BYE");
        System.out.flush();
        loop.close();
    }

    private static void preload(java.nio.file.Path root) throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (rel.endsWith(".class") && rel.startsWith("io")) {
                    String name = rel.substring(0, rel.length() - 6).replace(java.io.File.separatorChar, '.');
                    try {
                        Class.forName(name, false, LowFdServer.class.getClassLoader());
                    } catch (Throwable ignored) {
                        // a test class with missing test dependencies: not needed here
                    }
                }
            }
        }
    }
}
