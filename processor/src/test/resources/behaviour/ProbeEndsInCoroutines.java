package b;

import static io.github.coro4j.Coro.await;
import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;

/** A class whose name ends in Coroutines: its companion is ProbeEndsInCoroutinesCoroutines. */
public class ProbeEndsInCoroutines {
    @Coroutine static int f(Task<Integer> t) { return await(t) * 3; }
}
