package t;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;

/**
 * The fixture of the property test: like {@link T}, with non-generic helpers, because javac's inference of
 * deeply nested generic calls would dominate the run time of thousands of random programs.
 */
public final class P {
    public static boolean async;
    public static int counter;
    public static final java.util.List<String> trace = new java.util.ArrayList<>();

    private P() {}

    public static Task<Integer> v(int value) {
        if (!async || counter++ % 3 == 2) {
            return Task.completed(value);
        }
        Promise<Integer> p = new Promise<>();
        later(() -> p.complete(value));
        return p;
    }

    public static Task<Boolean> vb(boolean value) {
        if (!async || counter++ % 3 == 2) {
            return Task.completed(value);
        }
        Promise<Boolean> p = new Promise<>();
        later(() -> p.complete(value));
        return p;
    }

    public static Task<Integer> fail(String message) {
        IllegalStateException e = new IllegalStateException(message);
        if (!async || counter++ % 3 == 2) {
            return Task.failed(e);
        }
        Promise<Integer> p = new Promise<>();
        later(() -> p.fail(e));
        return p;
    }

    public static int log(int value) {
        trace.add(String.valueOf(value));
        return value;
    }

    public static boolean logb(boolean value) {
        trace.add(String.valueOf(value));
        return value;
    }

    public static void log(String value) {
        trace.add(value);
    }

    public static int f(int a, int b) {
        return a * 3 + b;
    }

    private static void later(Runnable r) {
        EventLoop loop = EventLoop.current();
        loop.callSoon(() -> loop.callSoon(r));
    }
}
