package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void greeter() throws Exception {
        ClassLoader l = Harness.compileAndLoad(JavaFileObjects.forSourceLines("demo.Greeter",
                "package demo;",
                "import io.github.coro4j.Coroutine;",
                "import java.time.Duration;",
                "import static io.github.coro4j.Coro.*;",
                "public class Greeter {",
                "    @Coroutine",
                "    static String greet(String name) {",
                "        await(sleep(Duration.ofMillis(10)));",
                "        String mark = await(GreeterCoroutines.punctuation());",
                "        return \"Hello \" + name + mark;",
                "    }",
                "    @Coroutine",
                "    static String punctuation() {",
                "        await(yieldNow());",
                "        return \"!\";",
                "    }",
                "}"));
        Class<?> comp = l.loadClass("demo.GreeterCoroutines");
        Object r = EventLoop.run(() -> {
            try {
                @SuppressWarnings("unchecked")
                Task<String> t = (Task<String>) comp.getMethod("greet", String.class).invoke(null, "world");
                return t;
            } catch (ReflectiveOperationException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(r).isEqualTo("Hello world!");
    }
}
