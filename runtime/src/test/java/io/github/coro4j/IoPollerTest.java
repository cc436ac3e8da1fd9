package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The selector: readiness waits, rebuild, deregistration. Uses pipes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoPollerTest {
    Pipe a;
    Pipe b;

    @BeforeEach
    void open() throws IOException {
        a = Pipe.open();
        b = Pipe.open();
        for (Pipe p : new Pipe[] {a, b}) {
            p.source().configureBlocking(false);
            p.sink().configureBlocking(false);
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Pipe p : new Pipe[] {a, b}) {
            p.source().close();
            p.sink().close();
        }
    }

    static void write(Pipe p) {
        try {
            p.sink().write(ByteBuffer.wrap(new byte[] {7}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int read(Pipe p) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(16);
            return p.source().read(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aReadWaitCompletesWhenDataArrives() {
        List<String> log = Support.log();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Integer> ready = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            assertEquals(1, loop.registeredChannels());
            loop.callSoon(() -> write(a));
            return coro(s -> s.await(ready).then(ops -> log.add("ops " + ops + ", read " + read(a))));
        });
        assertEquals(List.of("ops " + SelectionKey.OP_READ + ", read 1"), log);
    }

    @Test
    void aRegisteredChannelStillWorksAfterTheSelectorIsRebuilt() {
        List<String> log = Support.log();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Integer> ready = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            IoPoller poller = loop.poller();
            return coro(s -> s.await(Coro::yieldNow)
                    .run(() -> {
                        poller.rebuild();
                        log.add("rebuilds " + poller.rebuilds + ", registered " + loop.registeredChannels());
                    })
                    .await(Coro::yieldNow)
                    .run(() -> write(a))
                    .await(ready).then(ops -> log.add("ready " + ops + ", read " + read(a)))
                    // and a new wait on the same channel after the rebuild
                    .run(() -> write(a))
                    .await(() -> loop.awaitReady(a.source(), SelectionKey.OP_READ))
                    .then(ops -> log.add("ready again " + ops + ", read " + read(a))));
        });
        assertEquals(List.of("rebuilds 1, registered 1", "ready 1, read 1", "ready again 1, read 1"), log);
    }

    @Test
    void reRegisteringAChannelDoesNotLoseTheReadinessOfAnother() {
        List<String> log = Support.log();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            // b was registered and then deregistered: its key is cancelled but not yet flushed
            Task<Integer> old = loop.awaitReady(b.source(), SelectionKey.OP_READ);
            loop.deregister(b.source());
            assertInstanceOf(ClosedChannelException.class, old.exception());
            return coro(s -> s.await(Coro::yieldNow).with(c -> {
                        write(a);
                    })
                    .await(() -> {
                        Task<Integer> ra = loop.awaitReady(a.source(), SelectionKey.OP_READ);
                        // registering b again flushes its cancelled key with a selectNow(), which also
                        // selects a's key: a's readiness must not be lost
                        loop.awaitReady(b.source(), SelectionKey.OP_READ).cancel();
                        return ra;
                    })
                    .then(ops -> log.add("a ready " + ops)));
        });
        assertEquals(List.of("a ready 1"), log);
    }

    @Test
    void anInterruptedLoopThreadDoesNotTriggerSelectorRebuilds() {
        int[] rebuilds = new int[1];
        Support.Reports[] reports = new Support.Reports[1];
        EventLoop.run(() -> {
            reports[0] = Support.Reports.install();
            EventLoop loop = EventLoop.current();
            loop.awaitReady(a.source(), SelectionKey.OP_READ);
            Thread.currentThread().interrupt();
            return coro(s -> s.await(() -> Coro.sleep(java.time.Duration.ofMillis(100)))
                    .run(() -> {
                        rebuilds[0] = loop.poller().rebuilds;
                        Thread.interrupted();
                    }));
        });
        assertEquals(0, rebuilds[0]);
        assertEquals(List.of(), reports[0].messages);
    }

    @Test
    void cancellingAWaitWithdrawsTheInterestAndAllowsANewWait() {
        List<String> log = Support.log();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Integer> first = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            IllegalStateException dup = assertThrows(IllegalStateException.class,
                    () -> loop.awaitReady(a.source(), SelectionKey.OP_READ));
            assertTrue(dup.getMessage().contains("already waiting"), dup.getMessage());
            first.cancel();
            Task<Integer> second = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            loop.callSoon(() -> write(a));
            return coro(s -> s.await(second).then(ops -> log.add("second " + ops)));
        });
        assertEquals(List.of("second 1"), log);
    }

    @Test
    void deregisterFailsTheWaitersWithClosedChannelException() {
        Object v = EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Integer> w = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            loop.deregister(a.source());
            assertEquals(0, loop.registeredChannels());
            return coro(s -> s.tryCatch(ClosedChannelException.class, b -> b.await(w),
                    h -> h.with(c -> ((Steps<?>) c).caught())).ret(() -> "caught"));
        });
        assertEquals("caught", v);
    }

    @Test
    void badReadinessArgumentsAreRejected() throws IOException {
        Pipe blocking = Pipe.open();
        try {
            EventLoop.run(() -> {
                EventLoop loop = EventLoop.current();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> loop.awaitReady(a.source(), SelectionKey.OP_WRITE));
                assertTrue(e.getMessage().contains("not valid"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> loop.awaitReady(a.source(), 0));
                IllegalArgumentException bl = assertThrows(IllegalArgumentException.class,
                        () -> loop.awaitReady(blocking.source(), SelectionKey.OP_READ));
                assertTrue(bl.getMessage().contains("blocking mode"), bl.getMessage());
                NullPointerException npe = assertThrows(NullPointerException.class,
                        () -> loop.awaitReady(null, SelectionKey.OP_READ));
                assertTrue(npe.getMessage().contains("channel"), npe.getMessage());
                return Task.completed(null);
            });
        } finally {
            blocking.source().close();
            blocking.sink().close();
        }
    }

    @Test
    void anIdleRegisteredChannelDoesNotFreezeTheVirtualClock() {
        long[] t = new long[1];
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            write(a);
            return coro(s -> s.await(() -> loop.awaitReady(a.source(), SelectionKey.OP_READ)).run(() -> read(a))
                    // a stays registered, but nothing waits on it any more
                    .await(() -> Coro.sleep(java.time.Duration.ofHours(1)))
                    .run(() -> t[0] = loop.time()));
        });
        assertEquals(java.time.Duration.ofHours(1).toNanos(), t[0]);
    }

    @Test
    void theVirtualClockWaitsForRealIoInsteadOfJumpingOrReportingDeadlock() {
        Object v = TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            Task<Integer> ready = loop.awaitReady(a.source(), SelectionKey.OP_READ);
            new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                write(a);
            }).start();
            return Coro.race(ready, coro(s -> s.await(() -> Coro.sleep(java.time.Duration.ofHours(1))).ret(() -> -1)));
        });
        assertEquals(SelectionKey.OP_READ, v);
    }
}
