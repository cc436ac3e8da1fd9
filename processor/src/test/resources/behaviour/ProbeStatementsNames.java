package b;

import static io.github.coro4j.Coro.await;
import static t.T.fail;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;

public class ProbeStatementsNames {
    static int state = 100;
    static String self = "fieldSelf";
    int inst = 3;

    @Coroutine
    static String localsNamedLikeMachinery() {
        int state = await(v(1));
        int resume = await(v(2));
        int suspend = await(v(3));
        int SUSPENDED = await(v(4));
        int dispatch = await(v(5));
        int awaited0 = await(v(6));
        int cond1 = await(v(7));
        int step = await(v(8));
        String start = await(v("st"));
        return "" + state + resume + suspend + SUSPENDED + dispatch + awaited0 + cond1 + step + start
                + ProbeStatementsNames.state + ProbeStatementsNames.self;
    }

    @Coroutine
    static String parameterNamedSelf(String self, int state) {
        String r = await(v(self)) + state;
        return r + await(v(ProbeStatementsNames.self));
    }

    @Coroutine
    String instanceParameterNamedSelf(String self) {
        return await(v(self)) + inst + this.inst;
    }

    @Coroutine
    static String localNamedLikeField() {
        int inst = await(v(9));
        String self = await(v("loc"));
        return inst + self + ProbeStatementsNames.self;
    }

    @Coroutine
    static String localShadowsJavaLang() {
        int String = await(v(5));
        Object Integer = await(v("I"));
        java.lang.String s = String + "" + Integer;
        return s + await(v(java.lang.Integer.valueOf(String)));
    }

    @Coroutine
    static String unicodeIdentifiers() {
        int größe = await(v(3));
        String ñame = await(v("ñ"));
        int $x = await(v(1)), _y = 2;
        String 变量 = await(v("变"));
        return größe + ñame + $x + _y + 变量;
    }

    @Coroutine
    static String labelsLikeGenerated() {
        String s = "";
        dispatch:
        for (int i = 0; i < 3; i++) {
            L0:
            for (int j = 0; j < 3; j++) {
                if (await(v(j)) == 1) continue dispatch;
                if (i == 2) break dispatch;
                s += i + "" + j;
            }
        }
        return s;
    }

    @Coroutine
    static String varInLambdas() {
        java.util.function.BiFunction<Integer, Integer, Integer> f = (var a, var b) -> a * b;
        int x = await(v(6));
        return "" + f.apply(x, await(v(7)));
    }

    @Coroutine
    static String sameNameDifferentScopes() {
        String s = "";
        for (int i = 0; i < 2; i++) {
            int k = await(v(i));
            s += k;
        }
        for (int i = 5; i < 7; i++) {
            String k = await(v("k" + i));
            s += k;
        }
        {
            long k = await(v(9L));
            s += k;
        }
        return s;
    }

    @Coroutine
    static int deepNesting() {
        int n = 0;
        for (int a = 0; a < 2; a++) {
            if (await(v(a)) >= 0) {
                try {
                    while (n < 1000) {
                        do {
                            switch (a) {
                                case 0: {
                                    label: {
                                        for (int b = 0; b < 2; b++) {
                                            try {
                                                if (b == 1) { n += await(v(b)); break label; }
                                                synchronized (ProbeStatementsNames.class) { n++; }
                                            } finally {
                                                n += await(v(10));
                                            }
                                        }
                                    }
                                    break;
                                }
                                default:
                                    n += await(v(100));
                            }
                        } while (false);
                        break;
                    }
                } finally {
                    n *= 2;
                }
            }
        }
        return n;
    }
}
