import static io.github.coro4j.Coro.await;
import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;

public class ProbeDefaultPackage {
    @Coroutine static int f(Task<Integer> t) { return await(t) + 1; }
}
