package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Asserts in coroutine bodies, run with assertions disabled, enabled for every class, and enabled for this
 * class only (the companion then has them disabled): the async run must follow this class's status.
 */
public class Asserts {
    /** Only reached through the nested class: its asserts follow the top-level class's status, as javac's do. */
    static class Nested {
        @Coroutine
        static String nestedAwaitingAssert() {
            assert log(await(v(1))) > 5 : "nested " + log("detail");
            return "done";
        }
    }

    @Coroutine
    static String conditionAwaits() {
        log("start");
        assert log(await(v(true))) : log("never");
        assert log(await(v(2))) > 1;
        assert log(await(v(false))) : log("detail") + await(v("!"));
        return "not reached when enabled";
    }

    @Coroutine
    static String detailAwaitsOnly() {
        int n = await(v(3));
        assert log(n) < 0 : await(v(log("why")));
        return "n=" + n;
    }

    @Coroutine
    static String primitiveDetail() {
        assert log(await(v(1))) == 2 : 5;
        return "x";
    }

    @Coroutine
    static String charAndLongDetail() {
        String r = "";
        try {
            assert await(v(0)) > 1 : 'c';
        } catch (AssertionError e) {
            r += e.getMessage();
        }
        try {
            assert await(v(0)) > 1 : (long) await(v(7)) << 40;
        } catch (AssertionError e) {
            r += "," + e.getMessage();
        }
        try {
            assert await(v(0)) > 1 : (double) await(v(1)) / 4;
        } catch (AssertionError e) {
            r += "," + e.getMessage();
        }
        try {
            assert await(v(0)) > 1 : (Object) null;
        } catch (AssertionError e) {
            r += "," + e.getMessage();
        }
        return r;
    }

    @Coroutine
    static String throwableDetailIsTheCause() {
        try {
            assert await(v("a")).isEmpty() : new IllegalStateException(await(v("inner")));
            return "passed";
        } catch (AssertionError e) {
            return e.getMessage() + " cause=" + e.getCause();
        }
    }

    @Coroutine
    static String withoutAwaitsFollowsTheOriginalClass() {
        int n = await(v(4));
        assert log(n) == 5 : "n is " + n;
        return "after";
    }

    @Coroutine
    static String nestedWithoutAwaits() {
        String r = await(v("r"));
        for (int i = 0; i < 3; i++) {
            if (i == 1)
                assert log(i) != 1 : "one";
            else
                r += i;
        }
        return r;
    }

    @Coroutine
    static String inLambda() {
        int k = await(v(2));
        IntSupplier s = () -> {
            assert k > 3 : "lambda " + k;
            return k;
        };
        return "k=" + s.getAsInt() + await(v("."));
    }

    @Coroutine
    static String inLoopWithAwait() {
        int sum = 0;
        for (int x : List.of(1, 2, 3)) {
            sum += await(v(x));
            assert sum < await(v(log(4))) : "sum " + sum;
        }
        return "sum=" + sum;
    }

    @Coroutine
    static String sideEffectsOnlyWhenEnabled() {
        int[] calls = {0};
        assert ++calls[0] > 0 && await(v(true));
        assert ++calls[0] > 0;
        return "calls=" + calls[0];
    }

    @Coroutine
    static String inSwitchExpression() {
        int r = switch (await(v(2))) {
            case 1 -> 10;
            default -> {
                assert await(v(false)) : "arm";
                yield 20;
            }
        };
        return "r=" + r;
    }

    @Coroutine
    static Integer awaitingAssertInTry() {
        int i = 0;
        try {
            i = await(v(1));
            assert await(v(i)) == 0 : log("in try");
            i = 2;
        } finally {
            log("finally " + i);
        }
        return i;
    }

    int limit = 2;

    /** An instance coroutine: the condition and the detail read the receiver. */
    @Coroutine
    String instanceAssert() {
        assert limit > await(v(log(3))) : "limit " + this.limit + await(v("?"));
        assert limit > 0 : "positive";
        return "i" + limit;
    }

    /** A generic coroutine whose detail has the type variable's type. */
    @Coroutine
    static <X> String genericDetail() {
        X x = await(v(null));
        assert x != null : x;
        return "g";
    }
}
