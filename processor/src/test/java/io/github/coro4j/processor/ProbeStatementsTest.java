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
 * Adversarial statements, control flow and class structures (src/test/resources/behaviour/ProbeStatements*):
 * every factory's asynchronous run compared with the direct run of the same body, as BehaviourTest does.
 */
class ProbeStatementsTest {
    static final String[] SOURCES = {"behaviour/T.java", "behaviour/ProbeStatements.java"};
    static final String[] OWNERS = {"b.ProbeStatements"};

    @TestFactory
    Stream<DynamicTest> everyProbeMatchesTheDirectRun() throws Exception {
        List<javax.tools.JavaFileObject> files = new ArrayList<>();
        for (String s : SOURCES) {
            files.add(JavaFileObjects.forResource(s));
        }
        Compilation c = Harness.compile(files.toArray(new javax.tools.JavaFileObject[0]));
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        ClassLoader l = Harness.loader(c);
        List<DynamicTest> tests = new ArrayList<>();
        for (String owner : OWNERS) {
            String pkg = owner.substring(0, owner.lastIndexOf('.') + 1);
            String companion = pkg + owner.substring(pkg.length()).replace('$', '_') + "Coroutines";
            List<Method> fs = Oracle.factories(l.loadClass(companion));
            assertWithMessage("factories of " + owner).that(fs).isNotEmpty();
            for (Method f : fs) {
                Class<?>[] types = new Class<?>[0];
                for (Method m : l.loadClass(owner).getDeclaredMethods()) {
                    if (m.getName().equals(f.getName())) {
                        types = m.getParameterTypes();
                    }
                }
                Class<?>[] ts = types;
                tests.add(DynamicTest.dynamicTest(owner + "." + f.getName(), () -> {
                    String direct = oracle.direct(owner, f.getName(), ts);
                    String async = oracle.async(owner, f.getName(), ts);
                    assertWithMessage("async run of " + owner + "." + f.getName()).that(async).isEqualTo(direct);
                }));
            }
        }
        return tests.stream();
    }
}
