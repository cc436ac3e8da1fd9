package io.github.coro4j.processor.fuzz;

import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the generated fuzz programs call. A program awaits values from a {@link Source}: in the direct run
 * (the oracle) every task is already complete; in the coroutine run tasks complete later, in a random but
 * seeded mix of ways, so the same program suspends at different points.
 */
public final class FuzzSupport {
    private FuzzSupport() {}

    /** The start of the message of every assert that programs make: tells them from the harness's asserts. */
    public static final String ASSERT = "program assert ";

    /** The unchecked exception programs throw and catch. */
    public static final class E extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int n;

        public E(int n) {
            super("E" + n, null, false, false);
            this.n = n;
        }
    }

    /** A checked exception, awaited with {@code await(task, Checked.class)}. */
    public static final class Checked extends Exception {
        private static final long serialVersionUID = 1L;
        public final int n;

        public Checked(int n) {
            super("Checked" + n, null, false, false);
            this.n = n;
        }
    }

    /** Where awaited values come from. */
    public interface Source {
        Task<Integer> v(int x);

        Task<Boolean> b(boolean x);

        Task<Integer> fail(int n);

        Task<Integer> failChecked(int n);
    }

    /** Complete tasks: the oracle run. */
    public static Source direct() {
        return new Source() {
            @Override public Task<Integer> v(int x) { return Task.completed(x); }
            @Override public Task<Boolean> b(boolean x) { return Task.completed(x); }
            @Override public Task<Integer> fail(int n) { return Task.failed(new E(n)); }
            @Override public Task<Integer> failChecked(int n) { return Task.failed(new Checked(n)); }
        };
    }

    /** Tasks that mostly complete later: on the next turn, after a timer, or already. Needs a loop. */
    public static Source suspending(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Source() {
            @Override public Task<Integer> v(int x) { return later(random, x, null); }
            @Override public Task<Boolean> b(boolean x) { return later(random, x, null); }
            @Override public Task<Integer> fail(int n) { return later(random, null, new E(n)); }
            @Override public Task<Integer> failChecked(int n) { return later(random, null, new Checked(n)); }
        };
    }

    private static <T> Task<T> later(SplittableRandom random, T value, Throwable failure) {
        int how = random.nextInt(4);
        if (how == 0) {
            return failure == null ? Task.completed(value) : Task.failed(failure);
        }
        Promise<T> p = new Promise<>();
        Runnable settle = () -> {
            if (failure == null) {
                p.complete(value);
            } else {
                p.fail(failure);
            }
        };
        EventLoop loop = EventLoop.current();
        if (how == 1) {
            loop.callSoon(settle);
        } else {
            loop.callLater(Duration.ofMillis(random.nextInt(1, 5)), settle);
        }
        return p;
    }

    /** Appends {@code name=value} to the trace and returns the value: shows evaluation order. */
    public static int tap(List<String> t, String name, int value) {
        t.add(name + "=" + value);
        return value;
    }

    /** Like {@link #tap} for a condition. */
    public static boolean tapb(List<String> t, String name, boolean value) {
        t.add(name + "=" + value);
        return value;
    }

    /** How a caught exception shows in the trace. */
    public static String describe(Throwable e) {
        if (e instanceof E) {
            return "E" + ((E) e).n;
        }
        if (e instanceof Checked) {
            return "Checked" + ((Checked) e).n;
        }
        return e.getClass().getName();
    }

    /** A pure two-argument function, to put awaits in argument lists. */
    public static int mix(int a, int b) {
        return a * 31 + b;
    }

    /** 0, 1, ..., n-1 as an array. */
    public static int[] array(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 3 + 1;
        }
        return a;
    }

    /** 0, 1, ..., n-1 as an Iterable. */
    public static List<Integer> list(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i * 5 + 2);
        }
        return l;
    }

    /** A resource for try-with-resources that records its closing. */
    public static Res res(List<String> t, String name) {
        t.add("open " + name);
        return new Res(t, name);
    }

    /** See {@link #res}. */
    public static final class Res implements AutoCloseable {
        private final List<String> t;
        private final String name;

        Res(List<String> t, String name) {
            this.t = t;
            this.name = name;
        }

        public int value() {
            return name.length();
        }

        @Override
        public void close() {
            t.add("close " + name);
        }
    }
}
