package io.github.coro4j.examples.netty;

import io.github.coro4j.examples.echo.EchoServerImpl;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * The reference echo server on Netty: each read buffer is written straight back, flushed once per batch of
 * reads. Writes are not flow-controlled here beyond Netty's own outbound buffer, as in Netty's own echo example.
 */
public final class NettyEchoServer extends NettyServer implements EchoServerImpl {
    /** A server with one event loop per available processor. */
    public NettyEchoServer() {
        this(defaultLoops());
    }

    /** A server with {@code loops} event loops. */
    public NettyEchoServer(int loops) {
        super(loops);
    }

    @Override
    protected ChannelHandler newHandler() {
        return Echo.INSTANCE;
    }

    @Override
    public String name() {
        return "netty echo";
    }

    @ChannelHandler.Sharable
    private static final class Echo extends ConnectionHandler {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
