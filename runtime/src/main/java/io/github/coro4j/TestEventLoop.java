package io.github.coro4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An event loop with a virtual clock, for deterministic tests of coroutines: whenever nothing is ready, time
 * jumps to the next timer, so {@code await(sleep(Duration.ofHours(1)))} returns at once with
 * {@link EventLoop#time()} one hour later. Time does not jump while real events may still arrive (registered
 * channels, work running on other threads). If nothing can ever happen again while tasks wait, the run fails
 * with "deadlock" instead of hanging.
 *
 * <p>Failures of tasks that nobody read are rethrown at the end of the run as an {@link AssertionError}
 * (with each failure attached as suppressed), like kotlinx-coroutines-test.
 */
public final class TestEventLoop {
    private TestEventLoop() {}

    /**
     * Runs {@code main} like {@link EventLoop#run(Supplier)} on a loop with a virtual clock that starts at 0.
     *
     * @return the main task's value
     * @throws AssertionError if some task failed and its failure was never read
     */
    public static <T> T run(Supplier<? extends Task<T>> main) {
        Objects.requireNonNull(main, "main");
        EventLoop loop = new EventLoop(true);
        List<Throwable> lost = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        loop.setReportHandler((message, error) -> {
            messages.add(message);
            if (error != null) {
                lost.add(error);
            }
        });
        T value;
        try {
            value = loop.runMain(main);
        } catch (RuntimeException | Error e) {
            for (Throwable t : lost) {
                if (t != e) {
                    e.addSuppressed(t);
                }
            }
            throw e;
        }
        if (!messages.isEmpty()) {
            AssertionError error = new AssertionError("the test loop reported: " + String.join("; ", messages));
            lost.forEach(error::addSuppressed);
            throw error;
        }
        return value;
    }
}
