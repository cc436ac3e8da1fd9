package t;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.util.ArrayList;
import java.util.List;

/** The fixture of behaviour tests: tasks that complete at once (direct run) or on a later turn (async run). */
public final class T {
    public static boolean async;
    public static int counter;
    public static final List<String> trace = new ArrayList<>();

    private T() {}

    public static <X> Task<X> v(X value) {
        if (!async || counter++ % 3 == 2) {
            return Task.completed(value);
        }
        Promise<X> p = new Promise<>();
        later(() -> p.complete(value));
        return p;
    }

    public static <X> Task<X> fail(Throwable e) {
        if (!async || counter++ % 3 == 2) {
            return Task.failed(e);
        }
        Promise<X> p = new Promise<>();
        later(() -> p.fail(e));
        return p;
    }

    public static <X> X log(X value) {
        trace.add(String.valueOf(value));
        return value;
    }

    private static void later(Runnable r) {
        EventLoop loop = EventLoop.current();
        loop.callSoon(() -> loop.callSoon(r));
    }
}
