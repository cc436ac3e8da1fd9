package io.github.coro4j.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.coro4j.Task;
import io.github.coro4j.TestEventLoop;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The property test of the transform: random method bodies (see {@link ProgramGenerator}) are compiled with
 * the processor and each is run twice: directly, with every awaited task already complete (javac's own
 * semantics, the oracle), and as a coroutine on a virtual-clock loop where awaited tasks complete later. The
 * traces, return values and exceptions must be equal.
 *
 * <p>Default: 1,000 programs from a fixed seed (javac dominates the run time; PropertyTest runs 2,000
 * more). Longer runs: {@code -Dcoro4j.fuzz.programs=100000}, another
 * seed with {@code -Dcoro4j.fuzz.seed=N}. A divergence prints the program; keep it as a regression test.
 */
class DifferentialFuzzTest {
    private static final int PROGRAMS = Integer.getInteger("coro4j.fuzz.programs", 1000);
    private static final long SEED = Long.getLong("coro4j.fuzz.seed", 20261124L);
    private static final int PER_CLASS = 100;

    @Test
    @Timeout(900)
    void directAndCoroutineRunsAgree() throws Exception {
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        int classes = (PROGRAMS + PER_CLASS - 1) / PER_CLASS;
        // javac dominates the run time: compile and run the classes on two threads (2-core machine)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int index = c;
            int count = Math.min(PER_CLASS, PROGRAMS - c * PER_CLASS);
            results.add(pool.submit(() -> failures.size() >= 5 ? count : runClass(index, count, failures)));
        }
        int ran = 0;
        try {
            for (java.util.concurrent.Future<Integer> f : results) {
                ran += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " divergence(s) (seed " + SEED + "):\n\n" + String.join("\n\n", failures));
        }
        assertEquals(PROGRAMS, ran, "programs run");
    }

    private int runClass(int index, int count, List<String> failures) throws Exception {
        String className = "Prog" + index;
        List<String> methods = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            methods.add(new ProgramGenerator(SEED * 1_000_003L + index * 10_000L + m).method("m" + m));
        }
        String source = "package fuzz;\n\n"
                + "import io.github.coro4j.Coroutine;\n"
                + "import io.github.coro4j.processor.fuzz.FuzzSupport;\n"
                + "import java.util.ArrayList;\n"
                + "import java.util.List;\n"
                + "import java.util.function.IntSupplier;\n"
                + "import static io.github.coro4j.Coro.*;\n\n"
                + "public class " + className + " {\n" + String.join("\n", methods) + "}\n";
        Compilation compilation = Compiler.javac()
                .withProcessors(processors())
                .withOptions("-Xlint:-processing")
                .compile(JavaFileObjects.forSourceString("fuzz." + className, source));
        if (compilation.status() != Compilation.Status.SUCCESS) {
            String errors = compilation.errors().stream()
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(null)
                            + "\n  > " + lineOf(source, d))
                    .limit(10)
                    .collect(Collectors.joining("\n"));
            failures.add("compilation of " + className + " failed:\n" + errors);
            return count;
        }
        ClassLoader loader = new GeneratedClasses(compilation, getClass().getClassLoader());
        // asserts: every other class runs with assertions enabled for it alone (not for its companion), and the
        // generated code must follow the original class's status
        loader.setClassAssertionStatus("fuzz." + className, index % 2 == 0);
        Class<?> original = loader.loadClass("fuzz." + className);
        Class<?> companion = loader.loadClass("fuzz." + className + "Coroutines");
        for (int m = 0; m < count && failures.size() < 5; m++) {
            String name = "m" + m;
            Method direct = original.getDeclaredMethod(name, FuzzSupport.Source.class, List.class);
            direct.setAccessible(true);
            Method factory = companion.getMethod(name, FuzzSupport.Source.class, List.class);
            String expected = runDirect(direct);
            String actual = runCoroutine(factory, index * 7919L + m);
            if (!expected.equals(actual)) {
                failures.add("program " + className + "." + name + ":\n" + methods.get(m)
                        + "direct:    " + expected + "\ncoroutine: " + actual);
            }
        }
        return count;
    }

    private static String runDirect(Method method) {
        List<String> trace = new ArrayList<>();
        String outcome;
        try {
            outcome = "returned " + method.invoke(null, FuzzSupport.direct(), trace);
        } catch (InvocationTargetException e) {
            outcome = "threw " + FuzzSupport.describe(e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return trace + " " + outcome;
    }

    private static String runCoroutine(Method factory, long seed) {
        List<String> trace = new ArrayList<>();
        String outcome;
        try {
            Object value = TestEventLoop.run(() -> {
                try {
                    @SuppressWarnings("unchecked")
                    Task<Object> task = (Task<Object>) factory.invoke(null, FuzzSupport.suspending(seed), trace);
                    return task;
                } catch (InvocationTargetException e) {
                    throw new AssertionError("the factory itself threw", e.getCause());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            });
            outcome = "returned " + value;
        } catch (AssertionError e) {
            if (e.getMessage() == null || !e.getMessage().startsWith(FuzzSupport.ASSERT)) {
                throw e;
            }
            outcome = "threw " + FuzzSupport.describe(e);
        } catch (Throwable e) {
            outcome = "threw " + FuzzSupport.describe(e);
        }
        return trace + " " + outcome;
    }

    private static List<Processor> processors() {
        List<Processor> found = new ArrayList<>();
        for (Processor p : ServiceLoader.load(Processor.class, DifferentialFuzzTest.class.getClassLoader())) {
            if (p.getClass().getName().startsWith("io.github.coro4j.processor")) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("the coro4j processor is not registered (META-INF/services)");
        }
        return found;
    }

    private static String lineOf(String source, Diagnostic<?> d) {
        String[] lines = source.split("\n");
        long n = d.getLineNumber();
        return n >= 1 && n <= lines.length ? lines[(int) n - 1].trim() : "?";
    }
}
