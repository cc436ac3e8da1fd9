package io.github.coro4j.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The parser, the service and the writer allocate nothing per request once a connection is set up. */
class HttpAllocationTest {
    @Test
    void pipelinedRequestsAllocateNothingPerRequest() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
                "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        byte[] requests = ("GET / HTTP/1.1\r\nHost: example\r\nUser-Agent: test\r\nAccept: */*\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: example\r\nContent-Length: 5\r\n\r\nhello").repeat(100)
                .getBytes(StandardCharsets.US_ASCII);
        HttpConnection http = new HttpConnection(new HelloService(), HttpLimits.DEFAULT);
        ByteBuffer in = ByteBuffer.wrap(requests);
        ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());
        for (int i = 0; i < 2_000; i++) { // warm-up, so the JIT has removed what escape analysis can
            feed(http, in, out);
        }
        long before = counter.getThreadAllocatedBytes(Thread.currentThread().threadId());
        int rounds = 200;
        for (int i = 0; i < rounds; i++) {
            feed(http, in, out);
        }
        long allocated = counter.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        long perRequest = allocated / (rounds * 200L);
        assertEquals((2_000 + rounds) * 200L, http.requests());
        assertTrue(perRequest < 8, "allocated " + allocated + " bytes for " + rounds * 200 + " requests");
    }

    private static void feed(HttpConnection http, ByteBuffer in, ByteBuffer out) {
        in.clear();
        while (in.hasRemaining()) {
            http.process(in, out);
            out.clear();
        }
    }
}
