package io.github.coro4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Small helpers shared by the runtime tests. */
final class Support {
    private Support() {}

    /** Starts a script coroutine (see {@link Steps}). */
    static <T> Task<T> coro(Consumer<Steps.Builder> script) {
        return Steps.start(script);
    }

    /** A thread-safe log of events, compared as a whole. */
    static List<String> log() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    /** What a loop reported, as "message | exception" lines. */
    static final class Reports {
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

        /** Installs the capture on the current loop. */
        static Reports install() {
            Reports r = new Reports();
            EventLoop.current().setReportHandler((m, e) -> {
                r.messages.add(m);
                if (e != null) {
                    r.errors.add(e);
                }
            });
            return r;
        }

        boolean any(String fragment) {
            synchronized (messages) {
                return messages.stream().anyMatch(m -> m.contains(fragment));
            }
        }
    }
}
