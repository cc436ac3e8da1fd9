package io.github.coro4j.examples.http;

import io.github.coro4j.examples.VirtualThreadServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The HTTP/1.1 server as blocking code on virtual threads: one virtual thread per connection drives an
 * {@link HttpConnection}, writing the responses to all the requests of one read in one write (so pipelined
 * requests are answered in a batch).
 */
public final class VirtualThreadHttpServer extends VirtualThreadServer implements HttpServerImpl {
    private static final int READ_BYTES = 8192;
    private final HttpLimits limits;
    private final HttpService service;

    /** A {@link HelloService} server with {@link HttpLimits#DEFAULT}. */
    public VirtualThreadHttpServer() {
        this(HttpLimits.DEFAULT);
    }

    /** A {@link HelloService} server with the given limits. */
    public VirtualThreadHttpServer(HttpLimits limits) {
        this(limits, new HelloService());
    }

    /** A server that answers with {@code service}, which is shared by all connections (and must be thread-safe). */
    public VirtualThreadHttpServer(HttpLimits limits, HttpService service) {
        this.limits = limits;
        this.service = service;
    }

    @Override
    protected void serve(Socket connection) throws IOException {
        HttpConnection http = new HttpConnection(service, limits);
        InputStream input = connection.getInputStream();
        OutputStream output = connection.getOutputStream();
        byte[] readBuffer = new byte[READ_BYTES];
        ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());
        int n;
        while ((n = input.read(readBuffer)) >= 0) {
            ByteBuffer in = ByteBuffer.wrap(readBuffer, 0, n);
            HttpConnection.Progress progress;
            do {
                progress = http.process(in, out);
                if (out.position() > 0) {
                    output.write(out.array(), 0, out.position());
                    out.clear();
                }
            } while (progress == HttpConnection.Progress.FLUSH_AND_CALL_AGAIN);
            if (progress == HttpConnection.Progress.CLOSE_AFTER_FLUSH) {
                connection.shutdownOutput(); // the client sees the end after the last response
                drainBriefly(connection, input, readBuffer);
                return;
            }
        }
    }

    /**
     * Reads what the client still sends, for a moment, before the socket is closed: closing with unread input
     * would reset the connection and could destroy the last response before the client reads it.
     */
    private static void drainBriefly(Socket connection, InputStream input, byte[] buffer) throws IOException {
        connection.setSoTimeout(1_000);
        long budget = 64 * 1024;
        int n;
        while (budget > 0 && (n = input.read(buffer)) >= 0) {
            budget -= n;
        }
    }

    @Override
    public String name() {
        return "virtual-thread http";
    }
}
