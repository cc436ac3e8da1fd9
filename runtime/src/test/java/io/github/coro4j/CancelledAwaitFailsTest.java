package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A coroutine cancelled while it awaits a task that then fails instead of stopping (a socket closed under a
 * read, a child whose cleanup throws): the coroutine gets its CancelledException with that failure attached,
 * and the failure counts as read, so the loop does not report it as lost.
 */
class CancelledAwaitFailsTest {
    /** Awaits a promise; when cancelled, fails with an IOException instead of stopping. */
    static final class FailsWhenCancelled extends StateMachine<Void> {
        final Promise<Void> p = new Promise<>();

        @Override
        protected Object step() throws Throwable {
            switch (state) {
                case 0:
                    if (suspend(p, 1)) return SUSPENDED;
                case 1:
                    try {
                        resume();
                    } catch (CancelledException e) {
                        throw new IOException("closed while reading");
                    }
                    return null;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /** Awaits the child and records what its await threw. */
    static final class Parent extends StateMachine<String> {
        final List<Throwable> seen;
        final Task<Void> child;

        Parent(Task<Void> child, List<Throwable> seen) {
            this.child = child;
            this.seen = seen;
        }

        @Override
        protected Object step() throws Throwable {
            switch (state) {
                case 0:
                    if (suspend(child, 1)) return SUSPENDED;
                case 1:
                    try {
                        resume();
                        return "not cancelled";
                    } catch (CancelledException e) {
                        seen.add(e);
                        throw e;
                    }
                default:
                    throw new IllegalStateException();
            }
        }
    }

    @Test
    void theFailureIsAttachedToTheCancellationAndNotReportedAsLost() {
        List<Throwable> seen = new ArrayList<>();
        // TestEventLoop fails the run with an AssertionError if any failure is reported as never retrieved
        Task<?> parent = TestEventLoop.run(() -> {
            Parent p = new Parent(new FailsWhenCancelled().start(), seen);
            p.start();
            EventLoop.current().callSoon(p::cancel);
            Promise<Task<?>> done = new Promise<>();
            p.onComplete(done::complete);
            return done;
        });
        assertTrue(parent.isCancelled());
        assertEquals(1, seen.size());
        Throwable[] suppressed = seen.get(0).getSuppressed();
        assertEquals(1, suppressed.length);
        assertInstanceOf(IOException.class, suppressed[0]);
        assertEquals("closed while reading", suppressed[0].getMessage());
    }
}
