package io.github.coro4j.examples.netty;

import io.github.coro4j.examples.echo.EchoServerImpl;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

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
    private static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                // the client sent everything: close once what we owe it is written
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // reset by the peer and the like: only this connection ends
        }
    }
}
