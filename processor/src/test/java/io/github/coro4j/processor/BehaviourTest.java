package io.github.coro4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
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
        return Oracle.everyFactoryMatchesTheDirectRun(c, OWNERS);
    }
}
