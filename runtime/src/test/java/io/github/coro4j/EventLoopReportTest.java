package io.github.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventLoopReportTest {
    /**
     * Reporting goes through System.Logger, which can itself fail (out of file descriptors, the JDK cannot
     * load its configuration and throws InternalError). A failing report must not kill the loop thread.
     */
    @Test
    void aFailingLoggerDoesNotKillTheLoop() throws Exception {
        Logger jul = Logger.getLogger("io.github.coro4j");
        Handler broken = new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new InternalError("logging is broken");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(broken);
        boolean parent = jul.getUseParentHandlers();
        jul.setUseParentHandlers(false);
        EventLoop loop = EventLoop.startThread("report-test");
        try {
            loop.execute(() -> {
                throw new IllegalStateException("a callback fails; reporting it fails too");
            });
            String after = loop.submit(() -> Task.completed("still running")).get(5, TimeUnit.SECONDS);
            assertEquals("still running", after);
        } finally {
            loop.close();
            jul.removeHandler(broken);
            jul.setUseParentHandlers(parent);
        }
    }
}
