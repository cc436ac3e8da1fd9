package io.github.coro4j.examples.bothways;

import io.github.coro4j.Task;
import io.github.coro4j.examples.coroutine.CoroutineServer;
import io.github.coro4j.examples.http.HttpLimits;
import io.github.coro4j.examples.http.HttpServerImpl;
import io.github.coro4j.net.TcpSocket;
import java.util.function.Function;

/** {@link BothWays#serve} as a state machine on event loops: the generated factory, a {@link LoopConnection}. */
public final class LoopBothWaysServer extends CoroutineServer implements HttpServerImpl {
    private final HttpLimits limits;

    /** A server on {@code loops} loops. */
    public LoopBothWaysServer(int loops, HttpLimits limits) {
        super(loops);
        this.limits = limits;
    }

    @Override
    protected Function<TcpSocket, Task<?>> handler() {
        HttpLimits l = limits;
        return socket -> {
            Task<Void> served = BothWaysCoroutines.serve(new LoopConnection(socket), l);
            return served; // TcpServer closes the socket when the task is done
        };
    }

    @Override
    public String name() {
        return name("http, BothWays source on the loop");
    }
}
