package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The property test: random method bodies ({@link ProgramGenerator}), compiled once with the processor and
 * run both ways, directly (the oracle) and through the generated state machine with awaits that really
 * suspend; result, failure and trace must match. The default run checks 2000 programs (and the lead's
 * fuzz.DifferentialFuzzTest 1000 more) with a fixed seed;
 * {@code -Dcoro4j.programs=N} and {@code -Dcoro4j.seed=S} run more or others. A divergence prints the
 * program; keep it as a regression test in src/test/resources/behaviour/Regressions.java.
 */
class PropertyTest {
    private static final int PER_UNIT = 150;
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void generatedStateMachinesBehaveLikeTheDirectRun() throws Exception {
        int programs = Integer.getInteger("coro4j.programs", 2000);
        long seed = Long.getLong("coro4j.seed", 20261124L);
        ProgramGenerator gen = new ProgramGenerator(seed);
        // Units are generated in order (deterministic), then compiled and run on two threads: javac dominates.
        List<java.util.concurrent.Callable<List<String>>> units = new ArrayList<>();
        int checked = 0;
        for (int unit = 0; checked < programs; unit++) {
            String cls = "P" + unit;
            Map<String, String> methods = new TreeMap<>();
            StringBuilder src = new StringBuilder("package g;\n\n"
                    + "import static io.github.coro4j.Coro.await;\n"
                    + "import static t.P.*;\n\n"
                    + "import io.github.coro4j.Coroutine;\n\n"
                    + "public class " + cls + " {\n");
            for (int i = 0; i < PER_UNIT && checked + i < programs; i++) {
                String name = "m" + i;
                String m = gen.method(name);
                methods.put(name, m);
                src.append(m).append('\n');
            }
            src.append("}\n");
            checked += methods.size();
            if (System.getProperty("coro4j.dumpUnits") != null) {
                java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("coro4j.dumpUnits"),
                        cls + ".java"), src);
            }
            units.add(() -> check("g." + cls, src.toString(), methods));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<List<String>> f : pool.invokeAll(units)) {
                failures.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertWithMessage("programs checked").that(checked).isEqualTo(programs);
        assertWithMessage("programs run both ways").that(RUNS.get()).isEqualTo(programs);
        assertWithMessage(failures.size() + " divergences in " + checked + " programs:\n"
                + String.join("\n\n", failures.subList(0, Math.min(5, failures.size()))))
                .that(failures).isEmpty();
    }

    /** Compiles one unit and compares both runs of each of its methods; returns the divergences. */
    static List<String> check(String cls, String source, Map<String, String> methods) throws Exception {
        JavaFileObject t = JavaFileObjects.forResource("behaviour/P.java");
        Compilation c = Harness.compile(t, JavaFileObjects.forSourceString(cls, source));

        if (c.status() != Compilation.Status.SUCCESS) {
            return List.of("compilation failed: " + c.errors() + "\n" + source);
        }
        ClassLoader direct = Harness.loader(c);
        ClassLoader async = Harness.loader(c);
        // the generated asserts: every other unit runs with assertions enabled for its class alone
        boolean enabled = (cls.hashCode() & 1) == 0;
        direct.setClassAssertionStatus(cls, enabled);
        async.setClassAssertionStatus(cls, enabled);
        List<String> failures = new ArrayList<>();
        for (String name : methods.keySet()) {
            String a = run(direct, cls, name, false);
            String b = run(async, cls, name, true);
            RUNS.incrementAndGet();
            if (!a.equals(b)) {
                failures.add("program " + cls + "." + name + ":\n" + methods.get(name) + "direct: " + a
                        + "\nasync:  " + b);
            }
        }
        return failures;
    }

    private static String run(ClassLoader l, String cls, String name, boolean async) throws Exception {
        Class<?> t = l.loadClass("t.P");
        t.getField("async").setBoolean(null, async);
        t.getField("counter").setInt(null, 0);
        @SuppressWarnings("unchecked")
        List<String> trace = (List<String>) t.getField("trace").get(null);
        trace.clear();
        Object result;
        Throwable failure = null;
        try {
            if (!async) {
                Method m = l.loadClass(cls).getDeclaredMethod(name, int.class);
                m.setAccessible(true);
                result = m.invoke(null, 5);
            } else {
                Method f = l.loadClass(cls + "Coroutines").getMethod(name, int.class);
                result = EventLoop.run(() -> {
                    try {
                        return (Task<?>) f.invoke(null, 5);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (InvocationTargetException e) {
            result = null;
            failure = e.getCause();
        } catch (RuntimeException | AssertionError e) {
            result = null;
            failure = e;
        }
        return "result=" + result + " failure=" + (failure == null ? null : failure.getClass().getName() + ": "
                + failure.getMessage()) + " trace=" + trace;
    }
}
