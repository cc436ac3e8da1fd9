package io.github.coro4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic: its tag, its file and its line; and that nothing is generated for a class in error. */
class DiagnosticsTest {
    private static JavaFileObject source(String... body) {
        String[] lines = new String[body.length + 8];
        lines[0] = "package d;";
        lines[1] = "import static io.github.coro4j.Coro.*;";
        lines[2] = "import io.github.coro4j.Coroutine;";
        lines[3] = "import io.github.coro4j.Task;";
        lines[4] = "import java.util.function.Supplier;";
        lines[5] = "abstract class Bad {";
        System.arraycopy(body, 0, lines, 6, body.length);
        lines[body.length + 6] = "}";
        lines[body.length + 7] = "";
        return JavaFileObjects.forSourceLines("d.Bad", lines);
    }

    /**
     * Compiles, expects an error with the tag on the given line (1-based, counting the 6 header lines), and
     * no other error: the companion written in the first round must not add a cascade of its own.
     */
    private static void expect(String tag, int line, String... body) {
        JavaFileObject src = source(body);
        Harness.onlyError("[" + tag + "]", src, line, src);
    }

    @Test
    void awaitInLambda() {
        expect("CoroAwaitInLambda", 9,
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        Supplier<Integer> s = () -> await(t);",
                "        return s.get();",
                "    }");
    }

    @Test
    void aBodyErrorDoesNotCascadeIntoTheCompanionsUsers() {
        // the companion exists (first round) but its state machines are not written (second round)
        expect("CoroAwaitInLambda", 9,
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        Supplier<Integer> s = () -> await(t);",
                "        return s.get();",
                "    }",
                "    static Task<Integer> use() {",
                "        return BadCoroutines.m(Task.completed(1));",
                "    }");
    }

    @Test
    void awaitInAnonymousClass() {
        expect("CoroAwaitInAnonymousClass", 10,
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        Supplier<Integer> s = new Supplier<>() {",
                "            public Integer get() { return await(t); }",
                "        };",
                "        return s.get();",
                "    }");
    }

    @Test
    void awaitInLocalClass() {
        expect("CoroAwaitInLocalClass", 10,
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        class L {",
                "            int get() { return await(t); }",
                "        }",
                "        return new L().get();",
                "    }");
    }

    @Test
    void awaitInSynchronized() {
        expect("CoroAwaitInSynchronized", 10,
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        synchronized (Bad.class) {",
                "            return await(t);",
                "        }",
                "    }");
    }

    /** @Target(METHOD) already makes javac reject it, before the processor runs; the tag is a safety net. */
    @Test
    void onConstructor() {
        JavaFileObject src = source(
                "    @Coroutine",
                "    Bad() {",
                "    }");
        Compilation c = Harness.compile(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("not applicable").inFile(src).onLine(7);
    }

    @Test
    void onAbstractMethod() {
        expect("CoroOnAbstractMethod", 8,
                "    @Coroutine",
                "    abstract int m();");
    }

    @Test
    void onNativeMethod() {
        expect("CoroOnNativeMethod", 8,
                "    @Coroutine",
                "    native int m();");
    }

    @Test
    void privateField() {
        expect("CoroPrivateAccess", 10,
                "    private static int secret = 1;",
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        return await(t) + secret;",
                "    }");
    }

    /** A record's field is read through its implicit accessor (BehaviourTest's Rec); a declared one may differ. */
    @Test
    void recordFieldWithADeclaredAccessor() {
        expect("CoroPrivateAccess", 11,
                "    record R(int w) {",
                "        public int w() { return w + 1; }",
                "        @Coroutine",
                "        int m(Task<Integer> t) {",
                "            return await(t) + w;",
                "        }",
                "    }");
    }

    @Test
    void privateMethod() {
        expect("CoroPrivateAccess", 10,
                "    private int secret() { return 1; }",
                "    @Coroutine",
                "    int m(Task<Integer> t) {",
                "        return await(t) + secret();",
                "    }");
    }

    @Test
    void privateConstructor() {
        expect("CoroPrivateAccess", 11,
                "    static class P { private P() {} }",
                "    @Coroutine",
                "    static Object m(Task<Integer> t) {",
                "        await(t);",
                "        return new P();",
                "    }");
    }

    @Test
    void directCall() {
        expect("CoroDirectCall", 13,
                "    @Coroutine",
                "    static int inner(Task<Integer> t) {",
                "        return await(t);",
                "    }",
                "    @Coroutine",
                "    static int outer(Task<Integer> t) {",
                "        return inner(t) + 1;",
                "    }");
    }

    @Test
    void superMethodReferenceToAVariableArityMethod() {
        // super::m is supported (a lambda calling a method handle, see Access); of a varargs method it is not
        expect("CoroUnsupported", 11,
                "    static class Base { String f(String... xs) { return String.join(\",\", xs); } }",
                "    static class Sub extends Base {",
                "        @Coroutine",
                "        String m(Task<Integer> t) {",
                "            java.util.function.Function<String[], String> g = super::f;",
                "            return g.apply(new String[0]) + await(t);",
                "        }",
                "    }");
    }

    @Test
    void capturingLocalClassCreatedInALambda() {
        // a local class that captures k and is used after the await is supported, but an instance created in a
        // lambda could be created after k's scope is left, when the state machine's field holds another value
        expect("CoroUnsupported", 12,
                "    @Coroutine",
                "    static String m(Task<Integer> t) {",
                "        int k = 1;",
                "        class L { int g() { return k; } }",
                "        await(t);",
                "        Supplier<L> s = () -> new L();",
                "        return s.get().toString();",
                "    }");
    }

    @Test
    void capturingLocalClassOverridingAMethodOfItsSuperclass() {
        expect("CoroUnsupported", 10,
                "    @Coroutine",
                "    static String m(Task<Integer> t) {",
                "        int k = 1;",
                "        class L extends Thread { public void run() { System.out.println(k); } }",
                "        await(t);",
                "        return new L().getName();",
                "    }");
    }

    /** await inside assert was a [CoroUnsupported] error; it is supported now (AssertBehaviourTest runs it). */
    @Test
    void awaitInAssertIsNoLongerAnError() {
        Compilation c = Harness.compile(source(
                "    @Coroutine",
                "    static void m(Task<Boolean> t) {",
                "        assert await(t);",
                "    }"));
        assertThat(c).succeeded();
    }

    @Test
    void privateClass() {
        expect("CoroPrivateAccess", 9,
                "    private static class Hidden {",
                "        @Coroutine",
                "        static void m() {",
                "        }",
                "    }");
    }

    /**
     * JDK 17's preview patterns have other trees than Java 21's: a switch that awaits and uses them is an
     * error, not a guess (on JDK 21+, Java21BehaviourTest runs the final form).
     */
    @Test
    void previewPatternsOfJdk17InASwitchThatAwaits() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() == 17, "JDK 17's preview only");
        JavaFileObject src = source(
                "    @Coroutine",
                "    static String m(Task<Object> t) {",
                "        return switch (await(t)) {",
                "            case String s -> s;",
                "            default -> \"x\";",
                "        };",
                "    }");
        Compilation c = com.google.testing.compile.Compiler.javac().withProcessors(new CoroutineProcessor())
                .withOptions("--enable-preview", "--release", "17", "-Xlint:-preview").compile(src);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[CoroUnsupported]").inFile(src).onLine(9);
        assertThat(c).hadErrorContaining("compile with JDK 21 or later");
    }
}
