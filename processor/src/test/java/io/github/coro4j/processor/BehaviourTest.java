package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Behaviour tests: every construct of issue 3 in src/test/resources/behaviour, run through the generated
 * factories with awaits that really suspend, and compared with the direct run of the same body (the oracle).
 */
class BehaviourTest {
    static final String[] OWNERS = {"b.Cases", "b.Instance", "b.Instance$Nested", "b.Derived", "b.Derived$Inner",
        "b.Derived$Inner$Deeper", "b.Rec", "b.Locals"};

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTheDirectRun() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour/Cases.java"),
                JavaFileObjects.forResource("behaviour/Instance.java"),
                JavaFileObjects.forResource("behaviour/Base.java"),
                JavaFileObjects.forResource("behaviour/Derived.java"),
                JavaFileObjects.forResource("behaviour/Rec.java"),
                JavaFileObjects.forResource("behaviour/Locals.java"));
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        ClassLoader l = Harness.loader(c);
        List<DynamicTest> tests = new ArrayList<>();
        for (String owner : OWNERS) {
            String companion = owner.replace('$', '_') + "Coroutines";
            for (Method f : Oracle.factories(l.loadClass(companion))) {
                int params = f.getParameterCount();
                Class<?>[] types = new Class<?>[0];
                Class<?> ownerClass = l.loadClass(owner);
                for (Method m : ownerClass.getDeclaredMethods()) {
                    if (m.getName().equals(f.getName())) {
                        types = m.getParameterTypes();
                    }
                }
                Class<?>[] ts = types;
                tests.add(DynamicTest.dynamicTest(owner + "." + f.getName(), () -> {
                    String direct = oracle.direct(owner, f.getName(), ts);
                    String async = oracle.async(owner, f.getName(), ts);
                    assertWithMessage("async run of " + f.getName()).that(async).isEqualTo(direct);
                }));
                assertWithMessage("params").that(params).isAtLeast(0);
            }
        }
        return tests.stream();
    }
}
