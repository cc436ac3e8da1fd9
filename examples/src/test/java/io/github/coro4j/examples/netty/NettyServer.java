package io.github.coro4j.examples.netty;

import io.github.coro4j.examples.LoopbackServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A Netty 4.2 server on the NIO transport (the JDK's selector, as coro4j uses), with one event loop group of
 * {@code loops} threads that both accepts and serves, sized like coro4j's loop group (by default one loop per
 * available processor). Subclasses give the per-connection handler.
 */
public abstract class NettyServer implements LoopbackServer {
    /** A connection idle this long is closed. */
    protected static final int IDLE_TIMEOUT_SECONDS = 60;
    private final int loops;
    private EventLoopGroup group;
    private Channel listener;

    /** A server with {@code loops} event loop threads. */
    protected NettyServer(int loops) {
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be positive: " + loops);
        }
        this.loops = loops;
    }

    /** The handler for a new connection. */
    protected abstract ChannelHandler newHandler();

    @Override
    public final synchronized int start(int port) throws IOException {
        if (group != null) {
            throw new IllegalStateException(name() + " already started");
        }
        group = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // a client's half-close reaches the handler, which closes once its responses are written
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // like the virtual-thread servers: a connection idle for 60 s is closed
                        channel.pipeline().addLast(new ReadTimeoutHandler(IDLE_TIMEOUT_SECONDS), newHandler());
                    }
                });
        try {
            listener = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while binding", e);
        } catch (RuntimeException e) {
            stop();
            throw new IOException("cannot bind port " + port, e);
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public final synchronized void stop() {
        if (group == null) {
            return;
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        group = null;
        listener = null;
    }

    /** One loop per available processor, like coro4j's default loop group. */
    public static int defaultLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * What every connection handler of these servers does at the edges of a connection: when the client has
     * sent everything (half-close), close once what is owed to it is written; on an error (reset by the peer
     * and the like), close only this connection.
     */
    abstract static class ConnectionHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
