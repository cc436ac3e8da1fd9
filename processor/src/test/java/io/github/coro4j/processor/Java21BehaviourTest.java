package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Java 21 switches that await (pattern labels, guards, case null, record patterns), compared with the direct
 * run like {@link BehaviourTest}. compile-testing compiles with the javac of the running JDK, so this class
 * needs a JDK 21+: `mvn verify` runs it in the surefire execution "java21" on a JDK 21+ that the toolchains
 * plugin finds (see processor/pom.xml); on an older JDK it is skipped.
 */
class Java21BehaviourTest {
    @BeforeAll
    static void needsJava21() {
        if (Runtime.version().feature() < 21) {
            String why = "SKIPPED Java21BehaviourTest: it needs a JDK 21+ and runs on " + Runtime.version()
                    + "; `mvn verify` runs it on a JDK 21+ found by maven-toolchains-plugin (see processor/pom.xml)";
            System.out.println(why);
            assumeTrue(false, why);
        }
    }

    static String resource(String name) {
        try (InputStream in = Java21BehaviourTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JavaFileObject zoo(int version) {
        return JavaFileObjects.forSourceString("h.Zoo", resource("behaviour21/Zoo" + version + ".java"));
    }

    @TestFactory
    Stream<DynamicTest> everyPatternSwitchMatchesTheDirectRun() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour21/Patterns.java"));
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        ClassLoader l = Harness.loader(c);
        List<DynamicTest> tests = new ArrayList<>();
        List<Method> factories = Oracle.factories(l.loadClass("b.PatternsCoroutines"));
        assertWithMessage("factories").that(factories.size()).isAtLeast(12);
        for (Method f : factories) {
            tests.add(DynamicTest.dynamicTest(f.getName(), () -> {
                String direct = oracle.direct("b.Patterns", f.getName());
                String async = oracle.async("b.Patterns", f.getName());
                assertWithMessage("async run of " + f.getName()).that(async).isEqualTo(direct);
                assertWithMessage("the direct run of " + f.getName() + " itself").that(direct)
                        .doesNotContain("Error");
            }));
        }
        return tests.stream();
    }

    /** A few exact results: the semantics of the direct run are the ones this test means to check. */
    @Test
    void knownResults() {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour21/Patterns.java"));
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        assertWithMessage("null selector").that(oracle.async("b.Patterns", "nullSelectorWithoutCaseNull"))
                .isEqualTo("result=npe caught failure=null trace=[]");
        assertWithMessage("null selector of a switch expression")
                .that(oracle.async("b.Patterns", "nullSelectorOfAnExpression"))
                .isEqualTo("result=npe failure=null trace=[]");
        // the selector once per iteration, the guards in order and only for Integers, g3 only if g1 and g2 failed
        assertWithMessage("guards").that(oracle.async("b.Patterns", "guardsInOrder")).isEqualTo(
                "result=threestr,big7,neg-3,zero,d1,d1,d1,d1,d1,d1,threeabc,d1, failure=null trace=[str, 7, g1:7, -3,"
                        + " g1:-3, g2:-3, 0, g1:0, g2:0, g3:0, 2, def, null, def, Point[x=1, y=2], def,"
                        + " Point[x=5, y=1], def, RED, def, Circle[r=2], def, abc, [1], def]");
    }

    /**
     * An exhaustive switch over a sealed type, run against a later version of the type with a new subclass:
     * MatchException, in the direct and the async run alike.
     */
    @Test
    void anUnknownSubclassThrowsMatchException() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"), zoo(1),
                JavaFileObjects.forResource("behaviour21/Unknown.java"));
        Harness.requireSuccess(c);
        Compilation later = Compiler.javac().compile(zoo(2));
        assertWithMessage("the second version compiles").that(later.status()).isEqualTo(Compilation.Status.SUCCESS);
        Oracle oracle = new Oracle(() -> Harness.loader(c, later));
        for (String m : List.of("expression", "statement", "enumExpression")) {
            String direct = oracle.direct("b.Unknown", m);
            String async = oracle.async("b.Unknown", m);
            assertWithMessage(m + " direct").that(direct).contains("failure=java.lang.MatchException");
            assertWithMessage(m + " async").that(async).isEqualTo(direct);
        }
        Oracle before = new Oracle(c);
        assertWithMessage("first version").that(before.async("b.Unknown", "expression"))
                .isEqualTo("result=cat1dogrex failure=null trace=[Cat[lives=1], Dog[name=rex]]");
    }

    /** Unnamed patterns and variables ({@code _}, Java 22): they stay unnamed in the generated code. */
    @Test
    void unnamedPatternsAndVariables() {
        assumeTrue(Runtime.version().feature() >= 22, "unnamed patterns need a JDK 22+");
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour21/Unnamed.java"));
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        String direct = oracle.direct("b.Unnamed", "unnamed");
        assertWithMessage("direct").that(direct)
                .isEqualTo("result=y2,box1,box1,si,si,d, failure=null trace=[7, 7]");
        assertWithMessage("async").that(oracle.async("b.Unnamed", "unnamed")).isEqualTo(direct);
    }
}
