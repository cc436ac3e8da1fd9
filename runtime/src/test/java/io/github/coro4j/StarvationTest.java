package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A coroutine that never stops yielding must not starve timers, other threads' work or I/O. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StarvationTest {

    /** {@code while (!done.getAsBoolean()) await(yieldNow()); return turns;} in the generated shape. */
    static final class Spinner extends StateMachine<Long> {
        final BooleanSupplier done;
        long turns;

        Spinner(BooleanSupplier done) {
            this.done = done;
        }

        @Override
        protected Object step() {
            for (;;) {
                switch (state) {
                    case 0:
                        if (done.getAsBoolean()) {
                            return turns;
                        }
                        if (suspend(Coro.yieldNow(), 1)) {
                            return SUSPENDED;
                        }
                    case 1:
                        resume();
                        turns++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException();
                }
            }
        }
    }

    @Test
    void timersFireWhileACoroutineYieldsForever() {
        boolean[] fired = new boolean[1];
        long turns = EventLoop.run(() -> {
            EventLoop.current().callLater(Duration.ofMillis(20), () -> fired[0] = true);
            return new Spinner(() -> fired[0]).start();
        });
        assertTrue(turns > 0);
    }

    @Test
    void workFromAnotherThreadRunsWhileACoroutineYieldsForever() {
        boolean[] ran = new boolean[1];
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            new Thread(() -> loop.execute(() -> ran[0] = true)).start();
            return new Spinner(() -> ran[0]).start();
        });
        assertTrue(ran[0]);
    }

    @Test
    void ioReadinessIsSeenWhileACoroutineYieldsForever() throws Exception {
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            Task<?>[] wait = new Task<?>[1];
            EventLoop.run(() -> {
                EventLoop loop = EventLoop.current();
                wait[0] = loop.awaitReady(pipe.source(), SelectionKey.OP_READ);
                new Thread(() -> {
                    try {
                        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).start();
                return new Spinner(() -> wait[0].isDone()).start();
            });
            assertEquals(SelectionKey.OP_READ, wait[0].result());
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }
}
