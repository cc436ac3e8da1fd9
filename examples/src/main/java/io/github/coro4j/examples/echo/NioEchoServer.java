package io.github.coro4j.examples.echo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The floor: a hand-written, callback-style non-blocking echo server on one thread with one {@link Selector}.
 * No framework, no task objects, one buffer per connection; what a coroutine echo server on one loop can at best
 * match. When the peer does not read fast enough the connection stops reading until its buffer is written out,
 * so memory stays bounded.
 */
public final class NioEchoServer implements EchoServerImpl {
    private static final int BUFFER_BYTES = 8192;
    private static final int BACKLOG = 4096;

    private Selector selector;
    private ServerSocketChannel listener;
    private Thread thread;
    private volatile boolean stopping;

    @Override
    public synchronized int start(int port) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        selector = Selector.open();
        try {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            selector.close();
            throw e;
        }
        thread = new Thread(this::run, "nio-echo");
        thread.start();
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void run() {
        try {
            while (!stopping) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (key.isAcceptable()) {
                            accept();
                        } else if (key.isReadable()) {
                            read(key);
                        } else if (key.isWritable()) {
                            write(key);
                        }
                    } catch (IOException e) {
                        closeConnection(key); // reset by the peer and the like: only this connection ends
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!stopping) {
                throw new UncheckedIOException(new IOException("echo loop failed", e));
            }
        } finally {
            closeAll();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER_BYTES));
        }
    }

    /** Readable: read what there is and write it straight back; what the peer cannot take yet waits for OP_WRITE. */
    private void read(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        int n = channel.read(buffer);
        if (n < 0) {
            closeConnection(key);
            return;
        }
        buffer.flip();
        channel.write(buffer);
        if (buffer.hasRemaining()) {
            buffer.compact();
            key.interestOps(SelectionKey.OP_WRITE); // stop reading until the backlog is written
        } else {
            buffer.clear();
        }
    }

    private void write(SelectionKey key) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        buffer.flip();
        channel.write(buffer);
        if (buffer.hasRemaining()) {
            buffer.compact();
        } else {
            buffer.clear();
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private static void closeConnection(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void closeAll() {
        try {
            for (SelectionKey key : selector.keys()) {
                closeConnection(key);
            }
            selector.close();
        } catch (IOException | ClosedSelectorException ignored) {
            // closing anyway
        }
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            if (running == null || stopping) {
                return;
            }
            stopping = true;
        }
        selector.wakeup();
        try {
            running.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "nio echo (floor)";
    }
}
