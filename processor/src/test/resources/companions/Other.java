package c;

import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.yieldNow;

import io.github.coro4j.Coroutine;

/** Awaits its user's companion back: the two classes' companions are generated in the same round. */
public class Other {
    @Coroutine
    static String word(String w) {
        await(yieldNow());
        return w + w;
    }

    @Coroutine
    int length(String s) {
        var n = await(UsesCoroutines.count(s.length()));
        return n / 10;
    }
}
