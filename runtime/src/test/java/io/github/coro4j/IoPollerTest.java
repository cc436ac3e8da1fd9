package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class IoPollerTest {
    /**
     * Re-registering a channel whose key was cancelled flushes it with a selectNow(), which also moves other
     * ready keys into the selected set without dispatching them. The next select counts such a key as 0
     * (its ready set did not change): the loop must still dispatch it, not spin until the selector is rebuilt.
     */
    @Test
    void aKeyLeftSelectedByTheFlushIsStillDispatched() throws Exception {
        EventLoop loop = EventLoop.startThread("io-poller-test");
        Pipe p1 = Pipe.open();
        Pipe p2 = Pipe.open();
        try {
            p1.source().configureBlocking(false);
            p2.source().configureBlocking(false);
            Integer ops = loop.submit(() -> {
                Task<Integer> w1 = loop.awaitReady(p1.source(), SelectionKey.OP_READ);
                Task<Integer> w2 = loop.awaitReady(p2.source(), SelectionKey.OP_READ);
                loop.deregister(p2.source());
                w2.exception(); // read: failed with ClosedChannelException as documented
                try {
                    p1.sink().write(ByteBuffer.wrap(new byte[] {1}));
                } catch (java.io.IOException e) {
                    return Task.failed(e);
                }
                loop.awaitReady(p2.source(), SelectionKey.OP_READ); // flushes the cancelled key
                return w1;
            }).get(10, TimeUnit.SECONDS);
            assertEquals(SelectionKey.OP_READ, ops);
            int rebuilds = loop.submit(() -> Task.completed(loop.poller().rebuilds)).get(10, TimeUnit.SECONDS);
            assertEquals(0, rebuilds, "the selector had to be rebuilt: the loop spun");
            assertTrue(true);
        } finally {
            loop.close();
            p1.sink().close();
            p1.source().close();
            p2.sink().close();
            p2.source().close();
        }
    }
}
