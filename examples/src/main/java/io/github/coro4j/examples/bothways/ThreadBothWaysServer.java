package io.github.coro4j.examples.bothways;

import io.github.coro4j.examples.VirtualThreadServer;
import io.github.coro4j.examples.http.HttpLimits;
import io.github.coro4j.examples.http.HttpServerImpl;
import java.io.IOException;
import java.net.Socket;

/** {@link BothWays#serve} called directly (the original method) on a virtual thread per connection. */
public final class ThreadBothWaysServer extends VirtualThreadServer implements HttpServerImpl {
    private final HttpLimits limits;

    /** A server with the given limits. */
    public ThreadBothWaysServer(HttpLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void serve(Socket connection) throws IOException {
        BothWays.serve(new StreamConnection(connection), limits); // the untransformed body; blocking calls park
    }

    @Override
    public String name() {
        return "virtual-thread http, BothWays source called directly";
    }
}
