package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cancellation of a generated coroutine: it resumes with CancelledException at its suspension point, so its
 * catch and finally blocks run (with awaits in them), and a cancelled try-with-resources closes its resource.
 */
class CancellationBehaviourTest {
    @Test
    void finallyRunsWhenCancelled() throws Exception {
        ClassLoader l = Harness.compileAndLoad(JavaFileObjects.forSourceLines("c.Cancel",
                "package c;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "import java.util.List;",
                "public class Cancel {",
                "    @Coroutine",
                "    static String waitForever(List<String> log, Task<String> never) {",
                "        try (AutoCloseable r = () -> log.add(\"closed\")) {",
                "            log.add(\"waiting\");",
                "            return await(never);",
                "        } catch (RuntimeException e) {",
                "            log.add(\"caught \" + e.getClass().getSimpleName());",
                "            throw e;",
                "        } catch (Exception e) {",
                "            return \"unexpected\";",
                "        } finally {",
                "            await(yieldNow());",
                "            log.add(\"finally\");",
                "        }",
                "    }",
                "}"));
        Method factory = l.loadClass("c.CancelCoroutines").getMethod("waitForever", List.class, Task.class);
        List<String> log = new ArrayList<>();
        Object outcome = EventLoop.run(() -> {
            try {
                Task<?> t = (Task<?>) factory.invoke(null, log, new Promise<String>());
                Promise<String> done = new Promise<>();
                Coro.yieldNow().onComplete(x -> {
                    t.cancel();
                    t.onComplete(y -> done.complete("cancelled=" + y.isCancelled()));
                });
                return done;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(outcome).isEqualTo("cancelled=true");
        assertThat(log).containsExactly("waiting", "closed", "caught CancelledException", "finally").inOrder();
    }
}
