package demo;

import io.github.coro4j.Coroutine;
import java.time.Duration;
import static io.github.coro4j.Coro.*;

public class Greeter {
    @Coroutine
    static String greet(String name) {
        await(sleep(Duration.ofMillis(10)));
        String mark = await(GreeterCoroutines.punctuation());
        return "Hello " + name + mark;
    }

    @Coroutine
    static String punctuation() {
        await(yieldNow());
        return "!";
    }
}
