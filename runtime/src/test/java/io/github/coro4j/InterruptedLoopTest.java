package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An interrupt of the loop thread must not make the loop spin (park and select return at once when interrupted). */
class InterruptedLoopTest {
    @Test
    void anInterruptIsClearedAndTheLoopStillBlocks() {
        List<String> reports = new CopyOnWriteArrayList<>();
        boolean[] interruptedAfter = {true};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.setReportHandler((message, error) -> reports.add(message));
            Thread.currentThread().interrupt();
            cpu[0] = mx.getCurrentThreadCpuTime();
            Promise<Void> done = new Promise<>();
            // Blocks for 300 ms with nothing else to do: a spinning loop would burn all of it on the CPU.
            loop.callLater(Duration.ofMillis(300), () -> {
                cpu[1] = mx.getCurrentThreadCpuTime();
                interruptedAfter[0] = Thread.currentThread().isInterrupted();
                done.complete(null);
            });
            return done;
        });
        assertEquals(List.of(), reports, "nothing to report: no selector rebuild, no failure");
        assertFalse(interruptedAfter[0], "the loop cleared the interrupt");
        long usedMs = (cpu[1] - cpu[0]) / 1_000_000;
        assertTrue(usedMs < 150, "the loop thread used " + usedMs + " ms of CPU while it should have been blocked");
    }
}
