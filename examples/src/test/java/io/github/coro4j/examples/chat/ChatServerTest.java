package io.github.coro4j.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.examples.TestClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat room with many idle members, fan-out, leaving, and a member that stops reading. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatServerTest {
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port, String name) throws IOException {
            socket = TestClients.connect(port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            send(name);
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String read() throws IOException {
            return in.readLine();
        }

        /** Sends /who and returns the count, skipping the lines before the answer. */
        int who() throws IOException {
            send("/who");
            for (String line = read(); line != null; line = read()) {
                if (line.startsWith("* ") && line.endsWith(" online")) {
                    return Integer.parseInt(line.substring(2, line.length() - " online".length()));
                }
            }
            throw new IOException("closed");
        }

        /**
         * Asks /who until it says {@code n}: connections are served in no particular order relative to each other,
         * so a member whose name line is still in flight is not counted yet.
         */
        void awaitMembers(int n) throws IOException, InterruptedException {
            int count = who();
            for (int i = 0; i < 500 && count != n; i++) {
                Thread.sleep(10);
                count = who();
            }
            assertEquals(n, count, "members");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void fanOutToManyIdleMembers() throws Exception {
        ChatServer server = new ChatServer();
        int port = server.start(0);
        List<Client> clients = new ArrayList<>();
        try {
            int members = 300;
            for (int i = 0; i < members; i++) {
                clients.add(new Client(port, "m" + i));
            }
            Client last = clients.get(members - 1);
            last.awaitMembers(members); // every member joined
            Client first = clients.get(0);
            first.send("hello, room");
            for (int i = 1; i < members; i++) {
                Client c = clients.get(i);
                String line;
                do {
                    line = c.read(); // join notices of later members come first
                } while (line != null && line.startsWith("* "));
                assertEquals("m0: hello, room", line, "member " + i);
            }
            clients.get(5).close();
            assertEquals("* m5 left", skipTo(first, "* m5 left"));
            first.awaitMembers(members - 1);
            assertEquals(1, TestClients.threadsNamed("coro4j-ChatServer").size(), "one loop thread serves them all");
        } finally {
            for (Client c : clients) {
                c.close();
            }
            server.stop();
        }
        List<String> left = TestClients.threadsNamed("coro4j-ChatServer");
        for (int i = 0; i < 100 && !left.isEmpty(); i++) { // the loop has stopped; its thread may take a moment to end
            Thread.sleep(20);
            left = TestClients.threadsNamed("coro4j-ChatServer");
        }
        assertEquals(List.of(), left);
    }

    private static String skipTo(Client c, String wanted) throws IOException {
        for (String line = c.read(); line != null; line = c.read()) {
            if (line.equals(wanted)) {
                return line;
            }
        }
        return null;
    }

    @Test
    void aMemberThatStopsReadingIsDisconnectedAndTheOthersGoOn() throws Exception {
        ChatServer server = new ChatServer();
        int port = server.start(0);
        try (Client talker = new Client(port, "talker");
             Client listener = new Client(port, "listener");
             Client sleeper = new Client(port, "sleeper")) {
            sleeper.socket.setReceiveBufferSize(4096);
            talker.awaitMembers(3);
            String text = "x".repeat(1000);
            Thread reader = Thread.ofVirtual().start(() -> { // the listener keeps up
                try {
                    while (listener.read() != null) {
                        // drop
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
            boolean dropped = false;
            for (int i = 0; i < 100_000 && !dropped; i++) {
                talker.send(text);
                if (i % 500 == 499) {
                    dropped = talker.who() == 2;
                }
            }
            assertTrue(dropped, "the sleeper was disconnected");
            // the sleeper's stream ends (reset or end of stream) once what was already sent is read
            try {
                while (sleeper.read() != null) {
                    // what it was sent before it fell behind
                }
            } catch (SocketException e) {
                // reset
            }
            talker.awaitMembers(2); // the room goes on
            listener.socket.shutdownInput(); // ends the reader thread
            reader.join(10_000);
        } finally {
            server.stop();
        }
    }

    @Test
    void silentConnectionsWithoutANameAndBlankNamesAreNotMembers() throws Exception {
        ChatServer server = new ChatServer();
        int port = server.start(0);
        try (Socket silent = TestClients.connect(port);
             Client blank = new Client(port, "  ");
             Client named = new Client(port, "named")) {
            named.awaitMembers(1); // neither the silent connection nor the blank name is a member
            assertTrue(silent.isConnected());
            assertNull(blank.read(), "a blank name closes the connection");
        } finally {
            server.stop();
        }
    }
}
