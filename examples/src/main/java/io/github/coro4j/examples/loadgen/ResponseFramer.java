package io.github.coro4j.examples.loadgen;

import java.nio.ByteBuffer;

/** Finds where one response ends in the bytes a load-generator connection receives. One per connection. */
interface ResponseFramer {
    /**
     * Consumes bytes of the response being received.
     *
     * @return true when the response is complete (then the framer is ready for the next one)
     * @throws IllegalStateException if the bytes are not the expected response
     */
    boolean consume(ByteBuffer in);
}
