package b;

import static io.github.coro4j.Coro.await;
import static t.T.fail;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

public class Cases {
    static int counter = 10;
    static final String PREFIX = "p:";

    enum Color { RED, GREEN, BLUE }

    static String join(Object a, Object b, Object c) {
        return a + "," + b + "," + c;
    }

    static int twice(int x) {
        return 2 * x;
    }

    @Coroutine
    static String straightLine() {
        String a = await(v("a"));
        int n = await(v(2));
        String b = a + n;
        await(v(null));
        return b + await(v("!"));
    }

    @Coroutine
    static String order() {
        String s = log("f") + await(v(log("t"))) + log("g");
        int x = log(1) + await(v(log(2))) * log(3) + await(v(log(4)));
        return s + x;
    }

    @Coroutine
    static String arguments() {
        return join(log("a"), await(v(log("b"))), log("c")) + twice(await(v(21)));
    }

    @Coroutine
    static String compound() {
        int[] arr = {1, 2, 3};
        int i = 0;
        arr[i++] += await(v(5));
        arr[log(i)] *= await(v(3)) + i;
        String s = "x";
        s += await(v("y"));
        counter += await(v(1));
        long l = 1;
        l <<= await(v(3));
        char ch = 'a';
        ch += await(v(2));
        return Arrays.toString(arr) + s + counter + l + ch + i;
    }

    @Coroutine
    static String shortCircuit() {
        boolean a = log(false) && await(v(log(true)));
        boolean b = log(true) || await(v(log(false)));
        boolean c = log(true) && await(v(log(true)));
        String d = a ? await(v(log("yes"))) : log("no");
        String e = c ? await(v(log("yes2"))) : await(v(log("no2")));
        int f = (b ? 1 : await(v(2))) + (await(v(false)) ? 10 : 20);
        return "" + a + b + c + d + e + f;
    }

    @Coroutine
    static String patterns() {
        Object o = await(v((Object) "str"));
        String r = "";
        if (o instanceof String s && s.length() == await(v(3))) {
            r += s.toUpperCase();
        }
        if (await(v((Object) 42)) instanceof Integer n) {
            await(v(0));
            r += n + 1;
        }
        Object x = (Object) await(v(7));
        r += (Integer) x + (long) await(v(5)) + "!" + (char) ('a' + await(v(1)));
        return r;
    }

    @Coroutine
    static String ifElse() {
        String r = "";
        for (int i = 0; i < 4; i++) {
            if (i % 2 == await(v(0))) {
                r += "even" + await(v(i));
            } else if (i == 3) {
                r += "three";
            } else {
                r += await(v("odd"));
            }
        }
        return r;
    }

    @Coroutine
    static String whileLoops() {
        int i = 0;
        StringBuilder sb = new StringBuilder();
        while (i < await(v(10))) {
            i++;
            if (i == 2) {
                continue;
            }
            if (i == await(v(7))) {
                break;
            }
            sb.append(await(v(i)));
        }
        int j = 0;
        do {
            sb.append('-').append(await(v(j)));
            j++;
        } while (j < await(v(3)));
        do {
            j++;
            if (j > 5) {
                continue;
            }
            sb.append(j);
        } while (await(v(j)) < 8);
        return sb.toString();
    }

    @Coroutine
    static String closures() {
        List<Supplier<String>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int k = await(v(i * 10));
            String name = "n" + i;
            fs.add(() -> name + k);
        }
        for (String s : List.of("a", "b")) {
            String t = await(v(s));
            fs.add(() -> t + s);
        }
        StringBuilder sb = new StringBuilder();
        for (Supplier<String> f : fs) {
            sb.append(f.get()).append(' ');
        }
        return sb.toString();
    }

    @Coroutine
    static String forEach() {
        int sum = 0;
        for (int x : new int[] {1, 2, 3}) {
            sum += await(v(x));
        }
        List<String> out = new ArrayList<>();
        for (String s : await(v(List.of("a", "b", "c")))) {
            if (s.equals("b")) {
                continue;
            }
            out.add(s + await(v(sum)));
        }
        for (var n : List.of(1L, 2L)) {
            sum += await(v(n.intValue()));
        }
        return out + ":" + sum;
    }

    @Coroutine
    static String labels() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (int i = 0; i < 4; i++) {
            inner:
            for (int j = 0; j < 4; j++) {
                if (j == await(v(i))) {
                    continue outer;
                }
                if (i == 3) {
                    break outer;
                }
                if (j == 2) {
                    break inner;
                }
                sb.append(i).append(j).append(' ');
            }
            sb.append('|');
        }
        block:
        {
            if (await(v(true))) {
                break block;
            }
            sb.append("never");
        }
        return sb.toString();
    }

    @Coroutine
    static String switches() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            switch (await(v(i))) {
                case 0:
                    sb.append("zero");
                case 1:
                    sb.append(await(v("one")));
                    break;
                case 2:
                case 3: {
                    sb.append("two-three");
                    if (i == 3) {
                        break;
                    }
                    sb.append(await(v("!")));
                }
                default:
                    sb.append("d");
            }
            sb.append(';');
        }
        for (Color c : Color.values()) {
            switch (c) {
                case RED -> sb.append(await(v("r")));
                case GREEN -> {
                    sb.append("g");
                    sb.append(await(v("G")));
                }
                default -> sb.append("b");
            }
        }
        String key = await(v("k2"));
        switch (key) {
            case "k1":
                sb.append(1);
                break;
            case "k2":
                sb.append(await(v(2)));
                break;
        }
        return sb.toString();
    }

    @Coroutine
    static String switchExpressions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            String s = log("before") + switch (i) {
                case 0 -> await(v("zero"));
                case 1 -> {
                    String t = await(v("on"));
                    yield t + "e";
                }
                case 2 -> "two";
                default -> {
                    if (await(v(true))) {
                        yield "many";
                    }
                    yield "never";
                }
            };
            int n = switch (await(v(Color.values()[i % 3]))) {
                case RED:
                    yield 1;
                case GREEN:
                    int q = await(v(20));
                    yield q;
                default:
                    yield await(v(3)) * 100;
            };
            sb.append(s).append(n).append(' ');
        }
        return sb.toString();
    }

    @Coroutine
    static String tryCatch() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append(await(v("a")));
            sb.append((String) await(fail(new IllegalStateException("boom"))));
            sb.append("never");
        } catch (IllegalArgumentException e) {
            sb.append("wrong");
        } catch (IllegalStateException | UnsupportedOperationException e) {
            sb.append("caught:").append(e.getMessage()).append(await(v("!")));
        }
        try {
            sb.append(await(v(1)));
        } catch (RuntimeException e) {
            sb.append("no");
        }
        return sb.toString();
    }

    @Coroutine
    static String checked() {
        String r;
        try {
            r = await(fail(new IOException("io")), IOException.class);
        } catch (IOException e) {
            r = "io:" + e.getMessage();
        }
        try {
            Task<String> t = fail(new UncheckedIOException(new IOException("u")));
            r += await(t);
        } catch (UncheckedIOException e) {
            r += "unchecked";
        }
        return r;
    }

    @Coroutine
    static String finallyReturn() {
        List<String> l = new ArrayList<>();
        String r = helperReturn(l);
        return r + l;
    }

    static String helperReturn(List<String> l) {
        try {
            l.add("try");
            return "ret";
        } finally {
            l.add("fin");
        }
    }

    @Coroutine
    static String finallyPaths() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            try {
                sb.append(await(v(i)));
                if (i == 1) {
                    continue;
                }
                if (i == 3) {
                    break;
                }
                sb.append('.');
            } finally {
                sb.append(await(v("f")));
            }
            sb.append(';');
        }
        return sb.toString();
    }

    @Coroutine
    static String returnThroughFinally() {
        log("start");
        try {
            try {
                if (await(v(true))) {
                    return log("r" + await(v(1)));
                }
            } finally {
                log("inner" + await(v(2)));
            }
        } finally {
            log("outer");
            await(v(3));
        }
        return "never";
    }

    @Coroutine
    static String finallyReplaces() {
        try {
            try {
                await(fail(new IllegalStateException("first")));
            } finally {
                log("fin");
                if (await(v(true))) {
                    throw new IllegalArgumentException("second");
                }
            }
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return "never";
    }

    @Coroutine
    static int finallyOverridesReturn() {
        try {
            await(v(1));
            return 1;
        } finally {
            if (await(v(true))) {
                log("fin");
            }
        }
    }

    @Coroutine
    static String exceptionInCatch() {
        StringBuilder sb = new StringBuilder();
        try {
            try {
                await(fail(new IllegalStateException("a")));
            } catch (IllegalStateException e) {
                sb.append("catch");
                throw new RuntimeException("from catch " + await(v(e.getMessage())));
            } finally {
                sb.append(await(v("fin")));
            }
        } catch (RuntimeException e) {
            sb.append(e.getMessage());
        }
        return sb.toString();
    }

    static final class Res implements AutoCloseable {
        final String name;
        final boolean failClose;

        Res(String name, boolean failClose) {
            this.name = log("open " + name);
            this.failClose = failClose;
        }

        @Override
        public void close() {
            log("close " + name);
            if (failClose) {
                throw new IllegalStateException("close " + name);
            }
        }
    }

    @Coroutine
    static String resources() {
        StringBuilder sb = new StringBuilder();
        try (Res a = new Res(await(v("a")), false); Res b = new Res("b", true)) {
            sb.append(await(v(a.name + b.name)));
        } catch (IllegalStateException e) {
            sb.append(e.getMessage());
        }
        try (Res c = new Res("c", true)) {
            await(v(0));
            throw new IllegalArgumentException("body");
        } catch (IllegalArgumentException e) {
            sb.append(e.getMessage()).append(e.getSuppressed().length).append(e.getSuppressed()[0].getMessage());
        }
        Res d = new Res("d", false);
        try (d) {
            sb.append(await(v("D")));
        }
        return sb.toString();
    }

    @Coroutine
    static String uncaught() {
        log("before");
        await(v(1));
        String s = null;
        if (await(v(true))) {
            throw new IllegalStateException("out " + s);
        }
        return s;
    }

    @Coroutine
    static void voidMethod() {
        log("a");
        if (await(v(true))) {
            log("b");
            return;
        }
        log("never");
    }

    @Coroutine
    static String scopes() {
        String r = "";
        {
            int x = await(v(1));
            r += x;
        }
        {
            String x = await(v("s"));
            r += x;
        }
        for (int i = 0; i < 2; i++) {
            var x = List.of(await(v(i)));
            r += x;
        }
        Runnable run = () -> log("lambda");
        run.run();
        class Local {
            String hi() {
                return "local";
            }
        }
        r += new Local().hi();
        assert r.length() > 0 : "assert";
        return r;
    }

    @Coroutine
    static String params(int n, String s, List<Integer> list) {
        n += await(v(1));
        s = s + await(v(n));
        list.add(await(v(n)));
        return s + n + list;
    }

    @Coroutine
    static <X> String generic(X x) {
        X y = await(v(x));
        List<X> l = new ArrayList<>();
        l.add(y);
        l.add(await(v(x)));
        return l.toString();
    }

    @Coroutine
    static long widening() {
        if (await(v(true))) {
            return 1;
        }
        return 2L;
    }

    @Coroutine
    static String staticMembers() {
        counter = await(v(5));
        return PREFIX + counter + Color.GREEN + twice(await(v(2)));
    }

    @Coroutine
    static int millionAwaits() {
        int sum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            sum += await(Task.completed(1));
        }
        return sum;
    }

    /** Regression (fuzz): v = await(t) with a widening or unboxing conversion must not cast the result. */
    @Coroutine
    static String conversions() {
        long l = await(v(2));
        l = await(v(3)) + l;
        Object o = await(v(4));
        double d = await(v(5));
        int i = await(v(6));
        Integer boxed = await(v(7));
        long sum = l + i + boxed;
        sum = await(v(i));
        return "" + l + o + d + sum;
    }

    /** Regression (fuzz): a local class declared before an await and used after it. */
    @Coroutine
    static String localClassAcrossAwait() {
        class Twice {
            int f(int x) {
                return 2 * x;
            }
        }
        int a = await(v(3));
        Twice t = new Twice();
        await(v(0));
        return "" + t.f(a) + new Twice().f(await(v(5)));
    }

    @Coroutine
    static String arrays() {
        int[][] grid = new int[await(v(2))][await(v(3))];
        grid[await(v(1))][log(2)] = await(v(9));
        int[] init = {await(v(1)), 2, await(v(3))};
        String[] names = new String[] {"a", await(v("b"))};
        return Arrays.deepToString(grid) + Arrays.toString(init) + Arrays.toString(names) + init.length;
    }
}
