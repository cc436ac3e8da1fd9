package c;

import static io.github.coro4j.Coro.all;
import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.withTimeout;
import static io.github.coro4j.Coro.yieldNow;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Bodies whose types go through companions generated in the same compilation. */
public class Uses {
    int base = 5;

    @Coroutine
    static int count(int n) {
        await(yieldNow());
        return n * 10;
    }

    @Coroutine
    static String viaVar() {
        var x = await(OtherCoroutines.word("a"));
        var n = await(UsesCoroutines.count(2));
        return x + n + x.length();
    }

    @Coroutine
    static String viaTimeout() {
        return await(withTimeout(Duration.ofSeconds(30), UsesCoroutines.viaVar()));
    }

    @Coroutine
    static int viaAll() {
        List<Integer> xs = await(all(UsesCoroutines.count(1), UsesCoroutines.count(2)));
        var ys = await(all(List.of(UsesCoroutines.count(3), UsesCoroutines.count(4))));
        int total = 0;
        for (int x : xs) {
            total += x;
        }
        return total + ys.get(0) + ys.get(1);
    }

    static Task<String> apply(Supplier<Task<String>> s) {
        return s.get();
    }

    @Coroutine
    static String viaLambda() {
        String a = await(apply(() -> OtherCoroutines.word("l")));
        return a + await(apply(() -> UsesCoroutines.viaVar()));
    }

    /** Not a coroutine: a lambda returning a companion's task crashed javac when bodies were attributed early. */
    public static Task<String> plainLambda() {
        return apply(() -> OtherCoroutines.word("p"));
    }

    @Coroutine
    static <T> List<T> twice(T x) {
        await(yieldNow());
        return List.of(x, x);
    }

    @Coroutine
    static int viaGeneric() {
        var l = await(UsesCoroutines.twice("g"));
        return l.size() + l.get(0).length();
    }

    @Coroutine
    int plus(int k) {
        await(yieldNow());
        return base + k;
    }

    @Coroutine
    int viaInstance() {
        var a = await(UsesCoroutines.plus(this, 1));
        var o = await(OtherCoroutines.length(new Other(), "abc"));
        return a * 100 + o;
    }
}
