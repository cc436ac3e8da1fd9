package b;

import static io.github.coro4j.Coro.await;
import static t.T.fail;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

public class ProbeStatementsFlow {
    @Coroutine
    @SuppressWarnings("finally")
    static String returnDiscardedByBreakInFinally() {
        String s = "";
        while (true) {
            try {
                s += await(v("t"));
                return s + "R";
            } finally {
                s += await(v("f"));
                break;
            }
        }
        return s + "after";
    }

    @Coroutine
    @SuppressWarnings("finally")
    static String continueInFinallyInSwitch() {
        String s = "";
        for (int i = 0; i < 3; i++) {
            switch (i) {
                case 1:
                    try {
                        s += await(v("one"));
                        throw new IllegalStateException();
                    } finally {
                        continue;
                    }
                default:
                    s += await(v(i));
            }
            s += ";";
        }
        return s;
    }

    @Coroutine
    static String exceptionInFinallyReplacesReturn() {
        try {
            try {
                return await(v("r"));
            } finally {
                await(v(1));
                if (log("x") != null) throw new IllegalArgumentException("fin");
            }
        } catch (IllegalArgumentException e) {
            return "caught " + e.getMessage();
        }
    }

    @Coroutine
    static String breakLabelAcrossFinally() {
        String s = "";
        out:
        {
            try {
                try {
                    s += await(v("a"));
                    if (s.length() == 1) break out;
                } finally {
                    s += await(v("f1"));
                }
            } finally {
                s += await(v("f2"));
            }
            s += "never";
        }
        return s;
    }

    @Coroutine
    static String catchParamLivesAcrossAwait() {
        String s = "";
        for (int i = 0; i < 2; i++) {
            try {
                await(fail(new IllegalStateException("e" + i)));
            } catch (IllegalStateException e) {
                await(v(0));
                s += e.getMessage();
                e = new IllegalStateException("re");
                await(v(0));
                s += e.getMessage();
            }
        }
        return s;
    }

    @Coroutine
    static String tryInFinallyWithAwaits() {
        String s = "";
        try {
            s += await(v("b"));
            throw new RuntimeException("body");
        } catch (RuntimeException e) {
            s += "c";
        } finally {
            try {
                await(fail(new IllegalStateException("inner")));
            } catch (IllegalStateException e) {
                s += await(v(e.getMessage()));
            } finally {
                s += "F";
            }
        }
        return s;
    }

    @Coroutine
    static String capturedLoopVarsAfterAwait() {
        List<Supplier<String>> fs = new ArrayList<>();
        for (final var x : List.of("a", "b", "c")) {
            String y = await(v(x + "!"));
            fs.add(() -> x + y);
        }
        for (int i = 0; i < 2; i++) {
            int j = await(v(i));
            fs.add(() -> "" + j);
        }
        String s = "";
        for (Supplier<String> f : fs) s += f.get();
        return s;
    }

    @Coroutine
    static String forEverBreakInTryFinally() {
        int i = 0;
        String s = "";
        for (;;) {
            try {
                if (await(v(i++)) > 2) break;
                s += i;
            } finally {
                s += ".";
            }
        }
        return s;
    }

    @Coroutine
    static String switchExprInLoopCondition() {
        int i = 0;
        String s = "";
        while (switch (await(v(i))) { case 0, 1 -> true; case 2 -> { s += "two"; yield await(v(true)); } default -> false; }) {
            s += i++;
        }
        return s;
    }

    @Coroutine
    static String suppressedOrder() throws Exception {
        class R implements AutoCloseable {
            final String n;
            R(String n) { this.n = n; }
            public void close() { throw new IllegalStateException("close " + n); }
        }
        try (R a = new R(await(v("a"))); R b = new R(await(v("b"))); R c = new R("c")) {
            await(v(0));
            throw new RuntimeException("body");
        } catch (RuntimeException e) {
            String s = e.getMessage();
            for (Throwable t : e.getSuppressed()) s += "|" + t.getMessage();
            return s;
        }
    }

    @Coroutine
    static String existingResourceOfALocalClass() {
        record Q(String n) implements AutoCloseable {
            public void close() { log("close " + n); }
        }
        Q q = new Q(await(v("q")));
        try (q) {
            log(await(v("body")) + q.n());
        }
        return "done";
    }

    @Coroutine
    static String resourceInitThrows() throws Exception {
        String s = "";
        try (AutoCloseable a = () -> log("close a"); AutoCloseable b = await(fail(new IllegalStateException("init b")))) {
            s += "body";
        } catch (IllegalStateException e) {
            s += e.getMessage();
        }
        return s;
    }

    @Coroutine
    static int nestedSwitchDefaultInMiddle() {
        int total = 0;
        for (int i = 0; i < 5; i++) {
            switch (i) {
                case 0:
                    total += 1;
                default:
                    total += await(v(10));
                    if (i == 4) break;
                case 3:
                    total += 100;
                    switch (await(v(i))) {
                        default: total += 1000;
                        case 2: total += await(v(10000)); break;
                        case 3: continue;
                    }
                case 1:
                    total += await(v(100000));
            }
        }
        return total;
    }
}
