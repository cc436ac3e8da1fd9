package io.github.coro4j.examples.chat;

import io.github.coro4j.examples.VirtualThreadServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broadcast (chat) server on virtual threads: every line a client sends goes to every other client as
 * {@code <id>: <line>}. Each connection has a reader thread and a writer thread with a bounded queue between the
 * broadcaster and the socket; a client that does not read fast enough (its queue is full) is disconnected rather
 * than allowed to slow everyone down or grow memory without bound. A line longer than {@link #MAX_LINE_BYTES}
 * also ends the connection.
 *
 * <p>This is where the coroutine version (pending) should shine: many idle connections cost a task each instead
 * of two threads, and the fan-out runs on one loop without the concurrent map and queues used here.
 */
public final class VirtualThreadChatServer extends VirtualThreadServer {
    /** The longest line accepted, newline excluded. */
    public static final int MAX_LINE_BYTES = 1024;

    private final int maxQueuedLines;
    private final Map<Integer, Client> clients = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** A server that queues at most 1,024 lines per slow client. */
    public VirtualThreadChatServer() {
        this(1024);
    }

    /** A server that disconnects a client when more than {@code maxQueuedLines} lines wait for it. */
    public VirtualThreadChatServer(int maxQueuedLines) {
        if (maxQueuedLines < 1) {
            throw new IllegalArgumentException("maxQueuedLines must be positive");
        }
        this.maxQueuedLines = maxQueuedLines;
    }

    /** How many clients are connected. */
    public int clients() {
        return clients.size();
    }

    @Override
    protected void serve(Socket connection) throws IOException {
        int id = ids.incrementAndGet();
        Client self = new Client(connection, new ArrayBlockingQueue<>(maxQueuedLines));
        Thread writer = Thread.ofVirtual().name("chat-writer-" + id).start(() -> self.writeLoop());
        clients.put(id, self);
        try {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            byte[] prefix = (id + ": ").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[MAX_LINE_BYTES];
            int length;
            while ((length = readLine(in, line)) >= 0) {
                byte[] message = new byte[prefix.length + length + 1];
                System.arraycopy(prefix, 0, message, 0, prefix.length);
                System.arraycopy(line, 0, message, prefix.length, length);
                message[message.length - 1] = '\n';
                broadcast(id, message);
            }
        } finally {
            clients.remove(id);
            self.disconnect(); // unblocks a writer stuck in write
            writer.interrupt(); // unblocks a writer waiting in take
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void broadcast(int from, byte[] message) {
        for (Map.Entry<Integer, Client> entry : clients.entrySet()) {
            if (entry.getKey() != from && !entry.getValue().queue.offer(message)) {
                entry.getValue().disconnect(); // too slow: its queue is full
            }
        }
    }

    /** Reads one line into {@code line}; returns its length, or -1 at the end or when the line is too long. */
    private static int readLine(InputStream in, byte[] line) throws IOException {
        int length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return length;
            }
            if (length == line.length) {
                return -1; // an over-long line ends the connection
            }
            line[length++] = (byte) b;
        }
        return -1; // an unterminated last line is dropped
    }

    @Override
    public String name() {
        return "virtual-thread chat";
    }

    private static final class Client {
        final Socket socket;
        final BlockingQueue<byte[]> queue;

        Client(Socket socket, BlockingQueue<byte[]> queue) {
            this.socket = socket;
            this.queue = queue;
        }

        void writeLoop() {
            try {
                OutputStream out = socket.getOutputStream();
                while (true) {
                    out.write(queue.take());
                }
            } catch (IOException | InterruptedException e) {
                disconnect();
            }
        }

        void disconnect() {
            try {
                socket.close(); // the reader sees the close and cleans up
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
