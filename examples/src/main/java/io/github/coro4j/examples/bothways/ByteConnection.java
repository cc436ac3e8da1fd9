package io.github.coro4j.examples.bothways;

import io.github.coro4j.Task;
import java.nio.ByteBuffer;

/**
 * The I/O a {@link BothWays} handler needs, as tasks. On the loop ({@link LoopConnection}) the tasks are the
 * socket's own and may be pending, so the generated state machine suspends on them. On a virtual thread
 * ({@link StreamConnection}) each call blocks until it is done and returns an already completed task, which is
 * all the original (untransformed) method's {@code await} accepts.
 */
public interface ByteConnection {
    /** Reads into {@code dst}; the task's value is the number of bytes, or -1 at end of stream. */
    Task<Integer> read(ByteBuffer dst);

    /** Writes all of {@code src}. */
    Task<Void> write(ByteBuffer src);

    /** Half-closes: the peer reads end of stream after what was written. */
    void shutdownOutput();
}
