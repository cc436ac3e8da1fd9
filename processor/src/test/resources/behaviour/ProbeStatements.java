package b;

import static io.github.coro4j.Coro.await;
import static t.T.fail;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

public class ProbeStatements {
    static int field = 7;
    int inst = 5;

    enum Color { RED, GREEN, BLUE }

    static final class Res implements AutoCloseable {
        final String name;
        final boolean throwOnClose;
        Res(String name, boolean throwOnClose) { this.name = log("open " + name); this.throwOnClose = throwOnClose; }
        @Override public void close() throws IOException {
            log("close " + name);
            if (throwOnClose) throw new IOException("close " + name);
        }
    }

    @Coroutine
    @SuppressWarnings("finally")
    static int returnInFinallyOverrides() {
        try {
            return await(v(1));
        } finally {
            await(v(log("fin")));
            return 2;
        }
    }

    @Coroutine
    @SuppressWarnings("finally")
    static int finallyReturnOverridesException() {
        try {
            await(fail(new IllegalStateException("x")));
            return 0;
        } finally {
            return await(v(9));
        }
    }

    @Coroutine
    @SuppressWarnings("finally")
    static String breakOutOfFinally() {
        String s = "";
        for (int i = 0; i < 4; i++) {
            try {
                s += await(v(i));
                if (i == 1) throw new RuntimeException("boom");
                if (i == 2) return s + "ret";
            } finally {
                s += "f";
                if (i == 1) continue;
                if (i == 2) break;
            }
        }
        return s + "end";
    }

    @Coroutine
    static String nestedFinally() {
        StringBuilder sb = new StringBuilder();
        try {
            try {
                try {
                    sb.append(await(v("a")));
                    throw new IllegalArgumentException("inner");
                } finally {
                    sb.append(await(v("f1")));
                }
            } finally {
                sb.append(await(v("f2")));
            }
        } catch (IllegalArgumentException e) {
            sb.append(await(v(e.getMessage())));
        } finally {
            sb.append(await(v("f3")));
        }
        return sb.toString();
    }

    @Coroutine
    static String exceptionInCatchWithAwaitingFinally() {
        String s = "";
        try {
            try {
                await(fail(new IllegalStateException("one")));
            } catch (IllegalStateException e) {
                s += await(v("c"));
                throw new UnsupportedOperationException("two");
            } finally {
                s += await(v("f"));
            }
        } catch (UnsupportedOperationException e) {
            s += e.getMessage();
        }
        return s;
    }

    @Coroutine
    static String multiCatch() {
        String s = "";
        for (int i = 0; i < 3; i++) {
            try {
                if (i == 0) await(fail(new IllegalStateException("ise")));
                if (i == 1) await(fail(new ArithmeticException("ae")));
                s += await(v("ok"));
            } catch (IllegalStateException | ArithmeticException e) {
                s += await(v(e.getClass().getSimpleName()));
            }
        }
        return s;
    }

    @Coroutine
    static String rethrowChecked() throws IOException {
        try {
            await(fail(new IOException("io")), IOException.class);
        } catch (IOException e) {
            log("caught " + e.getMessage());
            await(v(1));
            throw e;
        }
        return "no";
    }

    @Coroutine
    static String twrExisting() throws IOException {
        final Res r = new Res("r", false);
        Res q = new Res("q", true);
        try (r; q) {
            log(await(v("body")));
        } catch (IOException e) {
            log("caught " + e.getMessage());
        }
        return "done";
    }

    @Coroutine
    static String twrVarAndNull() throws Exception {
        try (var a = new Res("a", true); Res n = null; var b = new Res(await(v("b")), true)) {
            log(await(v("body")));
            throw new IllegalStateException("body");
        } catch (IllegalStateException e) {
            StringBuilder sb = new StringBuilder(e.getMessage());
            for (Throwable s : e.getSuppressed()) sb.append("|").append(s.getMessage());
            return sb.toString();
        }
    }

    @Coroutine
    static String twrCloseThrowsOnly() {
        try (Res a = new Res("a", false); Res b = new Res("b", true)) {
            await(v(1));
        } catch (IOException e) {
            return "caught " + e.getMessage() + " " + e.getSuppressed().length;
        }
        return "none";
    }

    @Coroutine
    static String labeledBlock() {
        String s = "";
        outer:
        {
            s += await(v("a"));
            inner:
            {
                if (await(v(true))) break inner;
                s += "never";
            }
            s += await(v("b"));
            if (s.length() > 1) break outer;
            s += "never2";
        }
        return s;
    }

    @Coroutine
    static String doWhileContinue() {
        int i = 0;
        String s = "";
        do {
            i++;
            if (i % 2 == 0) continue;
            s += await(v(i));
        } while (await(v(i)) < 7);
        return s;
    }

    @Coroutine
    static String forMultiUpdate() {
        String s = "";
        for (int i = 0, j = 10; i < await(v(j)); i += await(v(2)), j--, s += "u") {
            s += i + ":" + j + ",";
        }
        return s;
    }

    @Coroutine
    static long forEachPrimitive() {
        long sum = 0;
        int[] xs = {1, 2, 3};
        for (int x : xs) {
            sum += await(v(x));
        }
        for (long x : new long[] {10L, 20L}) sum += await(v(x)) ;
        for (char c : await(v("ab")).toCharArray()) sum += c;
        return sum;
    }

    @Coroutine
    static String forEachIteratorThrows() {
        Iterable<String> it = () -> { throw new IllegalStateException("iter"); };
        String s = "";
        try {
            for (String x : it) s += await(v(x));
        } catch (IllegalStateException e) {
            s += e.getMessage();
        }
        return s;
    }

    @Coroutine
    static String forEachHasNextThrows() {
        Iterable<Integer> it = () -> new Iterator<Integer>() {
            int n;
            public boolean hasNext() { if (n == 2) throw new IllegalStateException("hn"); return true; }
            public Integer next() { return n++; }
        };
        String s = "";
        try {
            for (int x : it) s += await(v(x));
        } catch (IllegalStateException e) {
            s += e.getMessage();
        }
        return s;
    }

    @Coroutine
    static String nestedSwitchFallthrough() {
        String s = "";
        for (int i = 0; i < 4; i++) {
            switch (i) {
                case 0:
                    s += await(v("0"));
                default:
                    s += "d";
                    switch (await(v(i % 2))) {
                        case 1:
                            s += await(v("one"));
                        case 0:
                            s += "zero";
                            break;
                    }
                case 2:
                    s += await(v("2"));
                    break;
                case 3:
                    s += "3";
            }
            s += ";";
        }
        return s;
    }

    @Coroutine
    static String yieldFromNestedBlocks() {
        String s = "";
        for (int i = 0; i < 3; i++) {
            int r = switch (i) {
                case 0 -> {
                    {
                        if (await(v(true))) {
                            yield await(v(10));
                        }
                    }
                    yield -1;
                }
                case 1 -> {
                    try {
                        yield await(v(11));
                    } finally {
                        s += await(v("f"));
                    }
                }
                default -> {
                    int k = 0;
                    while (true) {
                        if (k++ > await(v(2))) break;
                    }
                    yield k;
                }
            };
            s += r + ",";
        }
        return s;
    }

    @Coroutine
    static String switchOnStringEnumCharBoxed() {
        String s = "";
        switch (await(v("b"))) {
            case "a": s += "A"; break;
            case "b": s += await(v("B"));
            case "c": s += "C"; break;
        }
        switch (await(v(Color.GREEN))) {
            case RED -> s += "r";
            case GREEN -> s += await(v("g"));
            default -> s += "x";
        }
        switch (await(v('z'))) {
            case 'y': s += "y"; break;
            case 'z': s += await(v("z")); break;
        }
        Integer boxed = await(v(3));
        switch (boxed) {
            case 3: s += await(v("three")); break;
            default: s += "other";
        }
        return s;
    }

    @Coroutine
    static String switchOnNullBoxed() {
        Integer boxed = await(v(null));
        try {
            switch (boxed) {
                case 3: return await(v("three"));
                default: return "other";
            }
        } catch (NullPointerException e) {
            return "npe";
        }
    }

    @Coroutine
    static String switchOnNullString() {
        String s = await(v(null));
        try {
            return switch (s) {
                case "a" -> await(v("A"));
                default -> "d";
            };
        } catch (NullPointerException e) {
            return "npe";
        }
    }

    @Coroutine
    static String switchOnNullEnum() {
        Color c = await(v(null));
        try {
            switch (c) {
                case RED: return await(v("r"));
                default: return "d";
            }
        } catch (NullPointerException e) {
            return "npe";
        }
    }

    @Coroutine
    static String synchronizedNoAwait() {
        Object lock = new Object();
        int x = await(v(1));
        synchronized (lock) {
            x++;
        }
        synchronized (await(v(lock))) {
            x++;
        }
        return "x" + x;
    }

    @Coroutine
    static String throwAwait() {
        try {
            throw await(v(new IllegalStateException("thrown")));
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Coroutine
    static String throwAwaitNull() {
        RuntimeException r = null;
        try {
            throw await(v(r));
        } catch (NullPointerException e) {
            return "npe";
        }
    }

    @Coroutine
    static String returnAwaitInTryFinally() {
        try {
            return await(v(log("r")));
        } finally {
            log(await(v("fin")));
        }
    }

    static String direct() { return "d"; }
}
