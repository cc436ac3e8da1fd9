package io.github.coro4j.examples.loadgen;

import java.nio.ByteBuffer;

/** An echo response is the message itself: checks every byte against what was sent. */
final class EchoFramer implements ResponseFramer {
    private final byte[] message;
    private int received;

    EchoFramer(byte[] message) {
        this.message = message;
    }

    @Override
    public boolean consume(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (received == message.length) {
                throw new IllegalStateException("more bytes than were sent");
            }
            if (in.get() != message[received++]) {
                throw new IllegalStateException("echoed byte " + (received - 1) + " differs");
            }
        }
        if (received == message.length) {
            received = 0;
            return true;
        }
        return false;
    }
}
