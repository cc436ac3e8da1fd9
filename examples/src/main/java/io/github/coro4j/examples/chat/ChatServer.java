package io.github.coro4j.examples.chat;

import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.withTimeout;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import io.github.coro4j.TaskTimeoutException;
import io.github.coro4j.examples.coroutine.CoroutineServer;
import io.github.coro4j.net.StreamReader;
import io.github.coro4j.net.StreamWriter;
import io.github.coro4j.net.TcpSocket;
import io.github.coro4j.sync.BoundedQueue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A line-based chat room on one event loop: many mostly idle connections, and fan-out of every message to all the
 * others, with no lock anywhere. The room ({@link Room}) is a plain {@link LinkedHashSet} that every connection's
 * task reads and changes: they all run on the one loop thread, and between two {@code await}s a task runs alone,
 * so no other task can see the set half-changed.
 *
 * <p>Protocol (UTF-8 lines, {@code \n} or {@code \r\n}): the first line is the member's name; the others get
 * {@code "* NAME joined"}. Each later line is sent to every other member as {@code "NAME: LINE"}. {@code /who}
 * answers the sender alone with {@code "* N online"}. When a member leaves, the others get {@code "* NAME left"}.
 *
 * <p>Slow readers: each member has a bounded outbox drained by its own {@link #pump} task; a member whose outbox
 * is full (it stopped reading while others keep talking) is disconnected, so one slow client costs bounded memory
 * and never slows the room.
 */
public final class ChatServer extends CoroutineServer {
    /** The longest line accepted, in bytes. */
    static final int MAX_LINE = 4096;
    /** Lines queued for one member before it counts as too slow and is disconnected. */
    static final int OUTBOX_LINES = 1024;
    /** How long a new connection has to send its name. */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    private Room room;

    /** A chat server on one event loop. */
    public ChatServer() {
        super(1);
    }

    /** The room of the running server; call its methods on the loop thread only. */
    Room room() {
        return room;
    }

    /** One connected member: a name, its socket, and the lines waiting to be sent to it. */
    static final class Member {
        final String name;
        final TcpSocket socket;
        final BoundedQueue<String> outbox = new BoundedQueue<>(OUTBOX_LINES);

        Member(String name, TcpSocket socket) {
            this.name = name;
            this.socket = socket;
        }
    }

    /** The members; loop thread only, hence no lock. */
    static final class Room {
        final Set<Member> members = new LinkedHashSet<>();
        long delivered;
        long dropped;

        void join(Member member) {
            broadcast(member, "* " + member.name + " joined");
            members.add(member);
        }

        void leave(Member member) {
            if (members.remove(member)) {
                broadcast(member, "* " + member.name + " left");
            }
        }

        /** Queues {@code line} for every member but {@code from}; disconnects members too slow to take it. */
        void broadcast(Member from, String line) {
            List<Member> tooSlow = null;
            for (Member m : members) {
                if (m == from) {
                    continue;
                }
                if (m.outbox.offer(line)) {
                    delivered++;
                } else {
                    if (tooSlow == null) {
                        tooSlow = new ArrayList<>();
                    }
                    tooSlow.add(m);
                }
            }
            if (tooSlow != null) {
                for (Member m : tooSlow) {
                    dropped++;
                    members.remove(m);
                    m.socket.abort(); // its handler's read fails, and it ends
                }
            }
        }
    }

    /** Serves one member: reads its name, then its lines, until it leaves. */
    @Coroutine
    static void handle(TcpSocket socket, Room room) {
        StreamReader in = new StreamReader(socket);
        StreamWriter out = new StreamWriter(socket);
        Member me = null;
        Task<Void> pump = null;
        try (socket) {
            String name = await(withTimeout(LOGIN_TIMEOUT, in.readLine(MAX_LINE)), IOException.class);
            if (name == null || name.isBlank()) {
                return;
            }
            me = new Member(name.strip(), socket);
            pump = ChatServerCoroutines.pump(me, out);
            room.join(me);
            while (true) {
                String line = await(in.readLine(MAX_LINE), IOException.class);
                if (line == null) {
                    return;
                }
                if (line.equals("/who")) {
                    me.outbox.offer("* " + room.members.size() + " online");
                } else {
                    room.broadcast(me, me.name + ": " + line);
                }
            }
        } catch (IOException | TaskTimeoutException e) {
            // gone, reset, silent at login, or a line too long: this member only
        } finally {
            if (me != null) {
                room.leave(me);
            }
            if (pump != null) {
                pump.cancel();
            }
        }
    }

    /** Sends a member's queued lines, in batches: everything queued is written, then flushed once. */
    @Coroutine
    static void pump(Member member, StreamWriter out) {
        try {
            while (true) {
                String line = await(member.outbox.take());
                out.writeLine(line);
                for (String more = member.outbox.poll(); more != null; more = member.outbox.poll()) {
                    out.writeLine(more);
                }
                await(out.flush(), IOException.class); // waits here only while the member reads slowly
            }
        } catch (IOException e) {
            member.socket.abort();
        }
    }

    @Override
    protected Function<TcpSocket, Task<?>> handler() {
        Room r = new Room();
        room = r;
        return socket -> ChatServerCoroutines.handle(socket, r);
    }

    @Override
    public String name() {
        return "coroutine chat";
    }
}
