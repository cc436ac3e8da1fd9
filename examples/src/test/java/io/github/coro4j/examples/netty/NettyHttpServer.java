package io.github.coro4j.examples.netty;

import io.github.coro4j.examples.http.HelloService;
import io.github.coro4j.examples.http.HttpConnection;
import io.github.coro4j.examples.http.HttpLimits;
import io.github.coro4j.examples.http.HttpServerImpl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The reference HTTP/1.1 server on Netty. It runs the same {@link HttpConnection} parser and
 * {@link HelloService} as every other variant (not Netty's own HTTP codec), so the comparison measures the I/O
 * and scheduling model rather than two different parsers. Responses to all the requests of one read go out in
 * one flush.
 */
public final class NettyHttpServer extends NettyServer implements HttpServerImpl {
    private final HttpLimits limits;

    /** A server with one event loop per available processor and {@link HttpLimits#DEFAULT}. */
    public NettyHttpServer() {
        this(defaultLoops(), HttpLimits.DEFAULT);
    }

    /** A server with {@code loops} event loops. */
    public NettyHttpServer(int loops, HttpLimits limits) {
        super(loops);
        this.limits = limits;
    }

    @Override
    protected ChannelHandler newHandler() {
        return new Handler(new HttpConnection(new HelloService(), limits));
    }

    @Override
    public String name() {
        return "netty http";
    }

    private static final class Handler extends ConnectionHandler {
        private final HttpConnection http;
        private final ByteBuffer out;
        private boolean closing;

        Handler(HttpConnection http) {
            this.http = http;
            this.out = ByteBuffer.allocate(http.outputCapacity());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (closing) {
                    return;
                }
                ByteBuffer in = buf.nioBufferCount() == 1
                        ? buf.nioBuffer()
                        : ByteBuffer.wrap(ByteBufUtil.getBytes(buf));
                HttpConnection.Progress progress;
                do {
                    progress = http.process(in, out);
                    if (progress != HttpConnection.Progress.NEED_INPUT) {
                        writeOut(ctx);
                    }
                } while (progress == HttpConnection.Progress.FLUSH_AND_CALL_AGAIN);
                if (progress == HttpConnection.Progress.CLOSE_AFTER_FLUSH) {
                    closing = true;
                    // Half-close after the last response and read on until the client closes (or a second passes):
                    // closing with unread input would reset the connection and could destroy that response.
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> {
                        ((SocketChannel) ctx.channel()).shutdownOutput();
                        ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
                    });
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            writeOut(ctx);
            ctx.flush();
        }

        private void writeOut(ChannelHandlerContext ctx) {
            if (out.position() == 0) {
                return;
            }
            out.flip();
            ByteBuf response = ctx.alloc().ioBuffer(out.remaining());
            response.writeBytes(out);
            out.clear();
            ctx.write(response);
        }
    }
}
