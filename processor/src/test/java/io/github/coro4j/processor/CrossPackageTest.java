package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import org.junit.jupiter.api.Test;

/**
 * A body awaiting the companion of a class in another package, which does not exist yet when the processor
 * runs (it is generated in the same round): the import of the original file is carried over.
 */
class CrossPackageTest {
    @Test
    void awaitsACompanionOfAnotherPackage() throws Exception {
        ClassLoader l = Harness.compileAndLoad(
                JavaFileObjects.forSourceLines("a.Source",
                        "package a;",
                        "import static io.github.coro4j.Coro.*;",
                        "import io.github.coro4j.Coroutine;",
                        "public class Source {",
                        "    @Coroutine",
                        "    public static int value() {",
                        "        await(yieldNow());",
                        "        return 41;",
                        "    }",
                        "}"),
                JavaFileObjects.forSourceLines("b.User",
                        "package b;",
                        "import static io.github.coro4j.Coro.*;",
                        "import a.SourceCoroutines;",
                        "import io.github.coro4j.Coroutine;",
                        "public class User {",
                        "    @Coroutine",
                        "    static int plusOne() {",
                        "        int v = await(SourceCoroutines.value());",
                        "        return v + 1;",
                        "    }",
                        "}"));
        Class<?> companion = l.loadClass("b.UserCoroutines");
        Object r = EventLoop.run(() -> {
            try {
                return (Task<?>) companion.getMethod("plusOne").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(r).isEqualTo(42);
    }
}
