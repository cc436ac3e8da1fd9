package io.github.coro4j.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void show() throws Exception {
        Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour/Base.java"),
                JavaFileObjects.forResource("behaviour/Derived.java"));
        c.generatedSourceFiles().forEach(f -> System.out.println(Harness.content(f)));
        Harness.requireSuccess(c);
        Oracle o = new Oracle(c);
        for (String m : new String[] {"supers", "protectedMembers", "protectedThrows"}) {
            System.out.println("D " + m + " " + o.direct("b.Derived", m));
            System.out.println("A " + m + " " + o.async("b.Derived", m));
        }
        System.out.println("D " + o.direct("b.Derived", "localClasses", String.class));
        System.out.println("A " + o.async("b.Derived", "localClasses", String.class));
        System.out.println("D " + o.direct("b.Derived$Inner", "outerMembers"));
        System.out.println("A " + o.async("b.Derived$Inner", "outerMembers"));
    }
}
