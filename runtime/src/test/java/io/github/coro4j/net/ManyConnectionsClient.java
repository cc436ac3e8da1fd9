package io.github.coro4j.net;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The client side of the many-connections test, run in its own JVM so that both ends fit the per-process
 * descriptor limit: opens N connections (at most 1,000 connects in flight), sends 8 bytes on each and waits for
 * all echoes, prints "ECHOED n", then on "close" from stdin resets every connection and exits. Bounded: gives
 * up after 45 seconds.
 */
public final class ManyConnectionsClient {
    private ManyConnectionsClient() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + 45_000_000_000L;
        Selector sel = Selector.open();
        List<SocketChannel> all = new ArrayList<>(count);
        int started = 0;
        int connected = 0;
        int inFlight = 0;
        while (connected < count) {
            while (started < count && inFlight < 1000) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.setOption(StandardSocketOptions.SO_LINGER, 0); // reset on close: no TIME_WAIT left behind
                all.add(c);
                started++;
                if (c.connect(server)) {
                    connected++;
                    c.register(sel, SelectionKey.OP_READ, ByteBuffer.allocate(8));
                } else {
                    inFlight++;
                    c.register(sel, SelectionKey.OP_CONNECT, ByteBuffer.allocate(8));
                }
            }
            sel.select(100);
            for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey k = it.next();
                it.remove();
                if (k.isConnectable() && ((SocketChannel) k.channel()).finishConnect()) {
                    inFlight--;
                    connected++;
                    k.interestOps(SelectionKey.OP_READ);
                }
            }
            check(deadline, "connecting: " + connected + " of " + count);
        }
        System.out.println("CONNECTED " + connected);
        for (SocketChannel c : all) {
            ByteBuffer msg = ByteBuffer.allocate(8).putLong(0, c.socket().getLocalPort());
            while (msg.hasRemaining()) {
                c.write(msg);
            }
        }
        int echoed = 0;
        while (echoed < count) {
            sel.select(100);
            for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey k = it.next();
                it.remove();
                SocketChannel c = (SocketChannel) k.channel();
                ByteBuffer in = (ByteBuffer) k.attachment();
                if (c.read(in) < 0) {
                    throw new IllegalStateException("the server closed a connection");
                }
                if (!in.hasRemaining()) {
                    if (in.getLong(0) != c.socket().getLocalPort()) {
                        throw new IllegalStateException("wrong echo");
                    }
                    echoed++;
                    k.interestOps(0);
                }
            }
            check(deadline, "echoing: " + echoed + " of " + count);
        }
        System.out.println("ECHOED " + echoed);
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
        stdin.readLine(); // "close", or end of input when the test gave up
        for (SocketChannel c : all) {
            c.close();
        }
        sel.close();
        System.out.println("CLOSED");
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            System.out.println("TIMEOUT " + what);
            System.exit(2);
        }
    }
}
