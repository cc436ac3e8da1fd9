package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
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

    /** A generic superclass in package a with protected members; javac lets only subclasses use them. */
    private static JavaFileObject box() {
        return JavaFileObjects.forSourceLines("a.Box",
                "package a;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "import java.util.function.Function;",
                "public class Box<T> {",
                "    protected T value;",
                "    protected final List<T> items = new ArrayList<>();",
                "    protected int size;",
                "    protected static String prefix = \"p\";",
                "    protected <R> R map(Function<? super T, R> f) { return f.apply(value); }",
                "    protected T swap(T next) { T old = value; value = next; return old; }",
                "    protected static String join(String... parts) { return prefix + String.join(\"+\", parts); }",
                "    protected String where() throws java.io.IOException { return \"Box\"; }",
                "}");
    }

    /**
     * Protected members of a superclass in another package, used by a coroutine of the subclass: the companion
     * is in the subclass's package but is not a subclass, so plain {@code self.size} would not compile in it
     * (that is what the processor generated before: javac reported "size has protected access in a.Box" in
     * the companion). Generic types must come out with their type arguments and no unchecked warning.
     */
    @Test
    void protectedMembersOfAGenericSuperclassInAnotherPackage() throws Exception {
        ClassLoader l = Harness.compileAndLoad(box(),
                JavaFileObjects.forSourceLines("b.Names",
                        "package b;",
                        "import static io.github.coro4j.Coro.*;",
                        "import a.Box;",
                        "import io.github.coro4j.Coroutine;",
                        "public class Names<U extends CharSequence> extends Box<U> {",
                        "    @Coroutine",
                        "    String fill(U first, U second) throws java.io.IOException {",
                        "        value = first;",
                        "        await(yieldNow());",
                        "        items.add(value);",
                        "        U old = swap(second);",
                        "        size += old.length();",
                        "        size++;",
                        "        await(yieldNow());",
                        "        int len = map(CharSequence::length);",
                        "        prefix += \"!\";",
                        "        return join(old.toString(), value.toString()) + \" \" + items + \" \" + size + \" \" + len",
                        "                + \" \" + Box.join() + where();",
                        "    }",
                        "}"));
        Class<?> owner = l.loadClass("b.Names");
        Object names = owner.getConstructor().newInstance();
        Class<?> companion = l.loadClass("b.NamesCoroutines");
        Object r = EventLoop.run(() -> {
            try {
                return (Task<?>) companion.getMethod("fill", owner, CharSequence.class, CharSequence.class)
                        .invoke(null, names, "ab", "xyz");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(r).isEqualTo("p!ab+xyz [ab] 3 3 p!Box");
    }

    @Test
    void aProtectedMethodOfAnotherPackageAsAMethodReferenceOnAnExpressionIsAnError() {
        // this::swap is supported (a lambda calling the accessor); other()::swap is not: the lambda would
        // evaluate other() at each call instead of once
        JavaFileObject user = JavaFileObjects.forSourceLines("b.Ref",
                "package b;",
                "import static io.github.coro4j.Coro.*;",
                "import a.Box;",
                "import io.github.coro4j.Coroutine;",
                "import java.util.function.Function;",
                "public class Ref extends Box<String> {",
                "    Ref other() { return this; }",
                "    @Coroutine",
                "    String m() {",
                "        await(yieldNow());",
                "        Function<String, String> f = this::swap;",
                "        Function<String, String> g = other()::swap;",
                "        return f.apply(\"x\") + g.apply(\"y\");",
                "    }",
                "}");
        Compilation c = Harness.onlyError("[CoroUnsupported]", user, 12, box(), user);
        assertThat(c).hadErrorContaining("write a lambda instead").inFile(user).onLine(12);
    }

    @Test
    void aProtectedNestedClassOfAnotherPackageIsAnError() {
        JavaFileObject base = JavaFileObjects.forSourceLines("a.Tree",
                "package a;",
                "public class Tree {",
                "    protected static class Node { public int v = 1; }",
                "}");
        JavaFileObject user = JavaFileObjects.forSourceLines("b.Oak",
                "package b;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "public class Oak extends a.Tree {",
                "    @Coroutine",
                "    int m() {",
                "        await(yieldNow());",
                "        Node n = new Node();",
                "        return n.v;",
                "    }",
                "}");
        Compilation c = Harness.compile(base, user);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[CoroUnsupported]").inFile(user).onLine(8);
        assertThat(c).hadErrorContaining("make it public").inFile(user).onLine(8);
    }

    /**
     * Coroutines of inner classes of generic classes: the factories take {@code Gen<T>.In} and declare T, and
     * the enclosing instances keep their parameterized types ({@code value.length()} needs T = String's
     * bound), one and two levels out.
     */
    @Test
    void innerClassesOfGenericClassesReachTheirEnclosingInstances() throws Exception {
        ClassLoader l = Harness.compileAndLoad(JavaFileObjects.forSourceLines("b.Gen",
                "package b;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "public class Gen<T extends CharSequence> {",
                "    T value;",
                "    int x = 1;",
                "    public Gen(T value) { this.value = value; }",
                "    public class In {",
                "        int n = 10;",
                "        @Coroutine",
                "        int own() {",
                "            await(yieldNow());",
                "            return n;",
                "        }",
                "        @Coroutine",
                "        int outer() {",
                "            await(yieldNow());",
                "            x += 100;",
                "            return x + value.length() + Gen.this.value.length() + n;",
                "        }",
                "    }",
                "    public class Mid<U> {",
                "        U u;",
                "        public Mid(U u) { this.u = u; }",
                "        public class Deep {",
                "            @Coroutine",
                "            String both() {",
                "                await(yieldNow());",
                "                return value + \":\" + u + \":\" + x;",
                "            }",
                "        }",
                "    }",
                "    public static Object[] make() {",
                "        Gen<String> g = new Gen<>(\"abc\");",
                "        return new Object[] {g.new In(), g.new Mid<Integer>(7).new Deep()};",
                "    }",
                "}"));
        Object[] receivers = (Object[]) l.loadClass("b.Gen").getMethod("make").invoke(null);
        Class<?> in = l.loadClass("b.Gen_InCoroutines");
        Class<?> deep = l.loadClass("b.Gen_Mid_DeepCoroutines");
        assertThat(run(in, "own", receivers[0])).isEqualTo(10);
        assertThat(run(in, "outer", receivers[0])).isEqualTo(101 + 3 + 3 + 10);
        assertThat(run(deep, "both", receivers[1])).isEqualTo("abc:7:101");
    }

    private static Object run(Class<?> companion, String name, Object receiver) {
        return EventLoop.run(() -> {
            try {
                for (java.lang.reflect.Method m : companion.getMethods()) {
                    if (m.getName().equals(name)) {
                        return (Task<?>) m.invoke(null, receiver);
                    }
                }
                throw new AssertionError("no factory " + name);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
