package demo;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.util.List;

public class Loops {
    /** Loops, a labeled continue, a switch with fallthrough, and an await inside an expression. */
    @Coroutine
    static int sum(List<Task<Integer>> tasks, int limit) {
        int total = 0;
        outer:
        for (Task<Integer> t : tasks) {
            int n = await(t);
            switch (n % 3) {
                case 0:
                    continue outer;
                case 1:
                    total += 1;
                default:
                    total += n;
            }
            if (total > limit && await(Task.completed(true))) {
                break;
            }
        }
        return total * 2 + await(Task.completed(1));
    }
}
