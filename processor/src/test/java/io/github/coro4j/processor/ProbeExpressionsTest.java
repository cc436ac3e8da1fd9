package io.github.coro4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Adversarial expressions and typing (src/test/resources/behaviour/ProbeExpressions.java): generics,
 * inference and overload resolution through awaits, boxing and promotion, evaluation order, patterns,
 * lambdas and anonymous classes over hoisted locals. Every factory is compared with the direct run.
 */
class ProbeExpressionsTest {
    static final String[] OWNERS = {"b.ProbeExpressions"};

    @TestFactory
    Stream<DynamicTest> everyProbeMatchesTheDirectRun() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour/ProbeExpressions.java"));
        return Oracle.everyFactoryMatchesTheDirectRun(c, OWNERS);
    }

    @Test
    void anArgumentInferredFromTheAwaitsCaptureIsAnError() {
        JavaFileObject src = JavaFileObjects.forSourceLines("d.Bad",
                "package d;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "import java.util.*;",
                "class Bad {",
                "    static <T> List<T> glue(List<T> a, List<T> b) { return a; }",
                "    @Coroutine",
                "    static int m(Task<List<?>> t) {",
                "        List<?> g = glue(new ArrayList<>(), await(t));",
                "        return g.size();",
                "    }",
                "}");
        Compilation c = Harness.onlyError("[CoroUnsupported]", src, 10, src);
        assertThat(c).hadErrorContaining("Assign the awaited value to a local variable first");
    }

    @Test
    void aVarOfAnAnonymousClassAcrossAnAwaitIsAnError() {
        JavaFileObject src = JavaFileObjects.forSourceLines("d.Bad",
                "package d;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class Bad {",
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        var anon = new Object() { int hits; };",
                "        anon.hits = await(t);",
                "        await(t);",
                "        return anon.hits;",
                "    }",
                "}");
        Compilation c = Harness.onlyError("[CoroUnsupported]", src, 8, src);
        assertThat(c).hadErrorContaining("give the variable the type of its interface or superclass");
    }

    @Test
    void aVarOfAnAnonymousClassAnywhereInTheClassIsAnErrorNotAJavacFailure() {
        // without the check javac itself fails: "cannot find symbol d.Bad$1", with no line
        JavaFileObject src = JavaFileObjects.forSourceLines("d.Bad",
                "package d;",
                "import static io.github.coro4j.Coro.*;",
                "import io.github.coro4j.Coroutine;",
                "import io.github.coro4j.Task;",
                "class Bad {",
                "    @Coroutine",
                "    static int m(Task<Integer> t) {",
                "        return await(t);",
                "    }",
                "    static void plain() {",
                "        var r = new Runnable() { public void run() { } };",
                "        r.run();",
                "    }",
                "}");
        Compilation c = Harness.onlyError("[CoroUnsupported]", src, 11, src);
        assertThat(c).hadErrorContaining("give the variable the type of its interface or superclass");
    }
}
