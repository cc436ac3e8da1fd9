package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Adversarial statements, control flow and class structures (src/test/resources/behaviour/ProbeStatements*):
 * every factory's asynchronous run compared with the direct run of the same body, as BehaviourTest does.
 */
class ProbeStatementsTest {
    static final String[] SOURCES = {"behaviour/T.java", "behaviour/ProbeStatements.java",
        "behaviour/ProbeStatementsNames.java", "behaviour/ProbeStatementsFlow.java"};
    static final String[] OWNERS = {"b.ProbeStatements", "b.ProbeStatementsNames", "b.ProbeStatementsFlow"};

    @TestFactory
    Stream<DynamicTest> everyProbeMatchesTheDirectRun() throws Exception {
        List<javax.tools.JavaFileObject> files = new ArrayList<>();
        for (String s : SOURCES) {
            files.add(JavaFileObjects.forResource(s));
        }
        Compilation c = Harness.compile(files.toArray(new javax.tools.JavaFileObject[0]));
        return Oracle.everyFactoryMatchesTheDirectRun(c, OWNERS);
    }

    /** A promise that completes on a later turn of the loop, so that awaits of it really suspend. */
    private static <X> Task<X> later(X value) {
        Promise<X> p = new Promise<>();
        EventLoop loop = EventLoop.current();
        loop.callSoon(() -> loop.callSoon(() -> p.complete(value)));
        return p;
    }

    private static Object call(ClassLoader l, String companion, String name, Object... args) throws Exception {
        for (Method m : l.loadClass(companion).getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && Modifier.isPublic(m.getModifiers())) {
                boolean fits = true;
                for (int i = 0; i < args.length; i++) {
                    Class<?> p = m.getParameterTypes()[i];
                    fits &= args[i] == null || (p.isPrimitive() ? p == int.class && args[i] instanceof Integer
                            || p == long.class && args[i] instanceof Long : p.isInstance(args[i]));
                }
                if (fits) {
                    return EventLoop.run(() -> {
                        try {
                            return (Task<?>) m.invoke(null, args);
                        } catch (ReflectiveOperationException e) {
                            throw new AssertionError(e);
                        }
                    });
                }
            }
        }
        throw new AssertionError("no factory " + companion + "." + name);
    }

    private static Object newInner(ClassLoader l, String name, Object outer) throws Exception {
        Class<?> c = l.loadClass(name);
        var k = outer == null ? c.getDeclaredConstructor() : c.getDeclaredConstructor(outer.getClass());
        k.setAccessible(true);
        return outer == null ? k.newInstance() : k.newInstance(outer);
    }

    /**
     * Coroutines in interfaces, enums (a constant with a body), records, inner classes two levels deep, a
     * generic class with bounded type variables, overloads, @SafeVarargs, final, strictfp, @Override, a
     * checked exception, recursion through the companion, 1000 awaits in a row, the default package, and a
     * class whose name ends in Coroutines: each run with awaits that suspend, checked against its value.
     */
    @Test
    void classStructures() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour/ProbeStatementsStructs.java"),
                JavaFileObjects.forResource("behaviour/ProbeDefaultPackage.java"),
                JavaFileObjects.forResource("behaviour/ProbeEndsInCoroutines.java"));
        Harness.requireSuccess(c);
        ClassLoader l = Harness.loader(c);
        l.loadClass("t.T").getField("async").setBoolean(null, true);
        String p = "b.ProbeStatementsStructs";
        Task<Integer> two = Task.completed(2);
        assertThat(call(l, p + "_ApiCoroutines", "s", two)).isEqualTo(3);
        Class<?> api = l.loadClass(p + "$Api");
        Object impl = java.lang.reflect.Proxy.newProxyInstance(l, new Class<?>[] {api}, (proxy, m, a) -> {
            if (m.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, a);
            }
            return 40;
        });
        assertThat(EventLoop.run(() -> invoke(l, p + "_ApiCoroutines", "d", impl, later(2)))).isEqualTo(42);
        Object[] es = l.loadClass(p + "$E").getEnumConstants();
        assertThat(EventLoop.run(() -> invoke(l, p + "_ECoroutines", "e", es[0], later(10)))).isEqualTo(11);
        assertThat(EventLoop.run(() -> invoke(l, p + "_ECoroutines", "e", es[1], later(10)))).isEqualTo(11);
        assertThat(EventLoop.run(() -> invoke(l, p + "_ECoroutines", "se", later(es[1])))).isEqualTo("B");
        var rc = l.loadClass(p + "$R").getDeclaredConstructor(int.class, String.class);
        rc.setAccessible(true);
        Object r = rc.newInstance(5, "abc");
        assertThat(EventLoop.run(() -> invoke(l, p + "_RCoroutines", "ri", r, later(1)))).isEqualTo(9);
        assertThat(EventLoop.run(() -> invoke(l, p + "_RCoroutines", "rs", later(1)))).isEqualTo(1);
        Object deep = newInner(l, p + "$N$I1$I2", newInner(l, p + "$N$I1", newInner(l, p + "$N", null)));
        assertThat(EventLoop.run(() -> invoke(l, p + "_N_I1_I2Coroutines", "deep", deep, later(1)))).isEqualTo(3);
        Object g = newInner(l, p + "$G", null);
        assertThat(EventLoop.run(() -> invoke(l, p + "_GCoroutines", "g", g, later(7), "x"))).isEqualTo("x:7");
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "over", later(5), 1))).isEqualTo(6);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "over", later(5), Integer.valueOf(1), "boxed")))
                .isEqualTo(4);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "over", later(5), 1L))).isEqualTo(10);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "sv", later(5), new Object[] {"a", "b"})))
                .isEqualTo(7);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "fin", later(5)))).isEqualTo(5);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "dep", later(5)))).isEqualTo(5);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "sfp", later(1.5)))).isEqualTo(3.0);
        Object sub = newInner(l, p + "$Sub", null);
        assertThat(EventLoop.run(() -> invoke(l, p + "_SubCoroutines", "m", sub, later(1)))).isEqualTo(2);
        try {
            EventLoop.run(() -> invoke(l, p + "Coroutines", "thrower", later(1)));
            throw new AssertionError("no exception");
        } catch (Exception e) {
            assertThat(e).isInstanceOf(java.io.IOException.class);
            assertThat(e).hasMessageThat().isEqualTo("x");
        }
        assertThat(call(l, p + "Coroutines", "fact", 20)).isEqualTo(2432902008176640000L);
        assertThat(EventLoop.run(() -> invoke(l, p + "Coroutines", "longBody", later(1))))
                .isEqualTo(1 + 999 * 1000 / 2);
        assertThat(EventLoop.run(() -> invoke(l, "ProbeDefaultPackageCoroutines", "f", later(1)))).isEqualTo(2);
        assertThat(EventLoop.run(() -> invoke(l, "b.ProbeEndsInCoroutinesCoroutines", "f", later(2)))).isEqualTo(6);
    }

    /** Calls the factory whose parameter types are the classes of the arguments (a trailing "boxed": Integer). */
    private static Task<?> invoke(ClassLoader l, String companion, String name, Object... args) {
        boolean boxed = args.length > 0 && "boxed".equals(args[args.length - 1]);
        Object[] a = boxed ? java.util.Arrays.copyOf(args, args.length - 1) : args;
        try {
            for (Method m : l.loadClass(companion).getDeclaredMethods()) {
                if (!m.getName().equals(name) || m.getParameterCount() != a.length
                        || !Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                Class<?> last = a.length == 0 ? null : m.getParameterTypes()[a.length - 1];
                Object x = a.length == 0 ? null : a[a.length - 1];
                boolean fits = last == null || (boxed ? last == Integer.class
                        : x instanceof Integer ? last == int.class
                        : x instanceof Long ? last == long.class : !last.isPrimitive() && last.isInstance(x)
                                || last.isInstance(x));
                if (fits) {
                    return (Task<?>) m.invoke(null, a);
                }
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no factory " + companion + "." + name);
    }

    /** The direct call would hold the monitor for the whole body; the state machine cannot. */
    @Test
    void synchronizedCoroutineMethodIsAnError() {
        JavaFileObject src = JavaFileObjects.forSourceLines("d.Sy",
                "package d;",
                "import static io.github.coro4j.Coro.await;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class Sy {",
                "    @Coroutine",
                "    synchronized int m(Task<Integer> t) { return await(t); }",
                "}");
        Harness.onlyError("[CoroAwaitInSynchronized]", src, 7, src);
    }

    /** An await in the block of a synchronized statement stays an error (its lock expression may await). */
    @Test
    void awaitInASynchronizedBlockStaysAnError() {
        JavaFileObject src = JavaFileObjects.forSourceLines("d.Sb",
                "package d;",
                "import static io.github.coro4j.Coro.await;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class Sb {",
                "    @Coroutine",
                "    static int m(Task<Object> t, Task<Integer> u) {",
                "        synchronized (await(t)) {",
                "            return await(u);",
                "        }",
                "    }",
                "}");
        Harness.onlyError("[CoroAwaitInSynchronized]", src, 9, src);
    }

    /** A nested A.B and a top-level A_B would both have A_BCoroutines: the second is told, not the Filer's error. */
    @Test
    void companionNameClash() {
        JavaFileObject nested = JavaFileObjects.forSourceLines("d.A",
                "package d;",
                "import static io.github.coro4j.Coro.await;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class A {",
                "    static class B {",
                "        @Coroutine static int m(Task<Integer> t) { return await(t); }",
                "    }",
                "}");
        JavaFileObject top = JavaFileObjects.forSourceLines("d.A_B",
                "package d;",
                "import static io.github.coro4j.Coro.await;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "",
                "class A_B {",
                "    @Coroutine static int n(Task<Integer> t) { return await(t); }",
                "}");
        Harness.onlyError(
                "[CoroUnsupported] the companion of d.A_B would be d.A_BCoroutines, which is already the companion "
                        + "of d.A.B", top, 6, nested, top);
        JavaFileObject hand = JavaFileObjects.forSourceLines("d.H",
                "package d;",
                "import static io.github.coro4j.Coro.await;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class H {",
                "    @Coroutine static int n(Task<Integer> t) { return await(t); }",
                "}",
                "class HCoroutines {}");
        Harness.onlyError(
                "[CoroUnsupported] the companion of d.H would be d.HCoroutines, which is already a class of the "
                        + "package", hand, 5, hand);
    }
}
