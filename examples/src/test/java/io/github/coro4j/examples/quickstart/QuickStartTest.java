package io.github.coro4j.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coro4j.EventLoop;
import io.github.coro4j.TestEventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The quick start, on the virtual clock of {@link TestEventLoop} (exact times) and once on a real loop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QuickStartTest {
    @Test
    void greeterIsTheReadmeExample() {
        assertEquals("Hello world!", EventLoop.run(() -> GreeterCoroutines.greet("world")));
        assertEquals("Hello world!", TestEventLoop.run(() -> GreeterCoroutines.greet("world")));
    }

    @Test
    void greeterMainPrints() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Greeter.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertEquals("Hello world!", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void gatherOverlapsTheCalls() {
        long[] elapsed = new long[1];
        List<String> values = TestEventLoop.run(() -> {
            long start = EventLoop.current().time();
            return QuickStartCoroutines.gather().onComplete(t -> elapsed[0] = EventLoop.current().time() - start);
        });
        assertEquals(List.of("a", "b", "c"), values);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(30), elapsed[0], "as long as the slowest, not the sum");
    }

    @Test
    void timeout() {
        assertEquals("timed out", TestEventLoop.run(() -> QuickStartCoroutines.withDeadline(50, 20)));
        assertEquals("done", TestEventLoop.run(() -> QuickStartCoroutines.withDeadline(10, 50)));
    }

    @Test
    void cancellationRunsFinally() {
        assertEquals(List.of("tick 0", "tick 1", "tick 2", "cleaned up", "worker cancelled"),
                TestEventLoop.run(QuickStartCoroutines::cancellation));
    }

    @Test
    void taskGroup() {
        assertEquals("xy", TestEventLoop.run(() -> QuickStartCoroutines.group(false)));
        assertEquals("failed: boom; y cancelled: true", TestEventLoop.run(() -> QuickStartCoroutines.group(true)));
    }

    @Test
    void mainRunsOnARealLoop() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("gather:       [a, b, c]"), out);
        assertTrue(out.contains("timeout:      timed out"), out);
        assertTrue(out.contains("group, fails: failed: boom; y cancelled: true"), out);
    }
}
