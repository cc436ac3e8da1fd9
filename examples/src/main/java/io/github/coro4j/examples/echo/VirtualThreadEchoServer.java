package io.github.coro4j.examples.echo;

import io.github.coro4j.examples.VirtualThreadServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** The echo server as blocking code on virtual threads: one virtual thread per connection, read then write. */
public final class VirtualThreadEchoServer extends VirtualThreadServer implements EchoServerImpl {
    private static final int BUFFER_BYTES = 8192;

    @Override
    protected void serve(Socket connection) throws IOException {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }

    @Override
    public String name() {
        return "virtual-thread echo";
    }
}
