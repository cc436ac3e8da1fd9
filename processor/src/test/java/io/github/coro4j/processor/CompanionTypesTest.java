package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies typed through companions of the same compilation: {@code var} locals that hold an await of one,
 * combinators over them, lambdas that return them (in coroutines and in ordinary methods), generic and
 * instance coroutines, and two classes that await each other's companions. The processor attributes bodies
 * only after every companion exists, so these compile (no javac crash) and run with their real types.
 */
class CompanionTypesTest {
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        loader = Harness.compileAndLoad(JavaFileObjects.forResource("companions/Uses.java"),
                JavaFileObjects.forResource("companions/Other.java"));
    }

    private static Object run(String factory, boolean instance) throws Exception {
        Class<?> companion = loader.loadClass("c.UsesCoroutines");
        Class<?> owner = loader.loadClass("c.Uses");
        Method m = instance ? companion.getMethod(factory, owner) : companion.getMethod(factory);
        Object receiver = instance ? owner.getDeclaredConstructor().newInstance() : null;
        return EventLoop.run(() -> {
            try {
                return (Task<?>) (instance ? m.invoke(null, receiver) : m.invoke(null));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void varHoldsTheAwaitedCompanionType() throws Exception {
        assertThat(run("viaVar", false)).isEqualTo("aa202");
    }

    @Test
    void combinatorsOverCompanionTasks() throws Exception {
        assertThat(run("viaTimeout", false)).isEqualTo("aa202");
        assertThat(run("viaAll", false)).isEqualTo(100);
    }

    @Test
    void lambdasReturningCompanionTasks() throws Exception {
        assertThat(run("viaLambda", false)).isEqualTo("llaa202");
        Method plain = loader.loadClass("c.Uses").getDeclaredMethod("plainLambda");
        assertThat(EventLoop.run(() -> {
            try {
                return (Task<?>) plain.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError(e);
            }
        })).isEqualTo("pp");
    }

    @Test
    void genericAndInstanceCoroutinesThroughCompanions() throws Exception {
        assertThat(run("viaGeneric", false)).isEqualTo(3);
        assertThat(run("viaInstance", true)).isEqualTo(603);
    }
}
