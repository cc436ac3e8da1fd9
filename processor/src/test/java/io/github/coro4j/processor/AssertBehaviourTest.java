package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Asserts in coroutine bodies (with and without awaits in the condition and the detail), run with assertions
 * disabled, enabled everywhere, and enabled for the original class only (the companion's own status is then
 * "disabled"): in every setting the async run must agree with the direct run of the original method.
 */
class AssertBehaviourTest {
    private static final String[] OWNERS = {"b.Asserts", "b.Asserts$Nested"};

    /** A setting of the loader's assertion statuses, with its name. */
    private static final class Setting {
        final String name;
        final Consumer<ClassLoader> apply;
        final boolean enabled;

        Setting(String name, boolean enabled, Consumer<ClassLoader> apply) {
            this.name = name;
            this.enabled = enabled;
            this.apply = apply;
        }
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("disabled", false, l -> {}),
            new Setting("enabled everywhere", true, l -> l.setDefaultAssertionStatus(true)),
            new Setting("enabled for b.Asserts only", true, l -> l.setClassAssertionStatus("b.Asserts", true)),
            new Setting("enabled for package b except b.Asserts", false, l -> {
                l.setPackageAssertionStatus("b", true);
                l.setClassAssertionStatus("b.Asserts", false);
            }));

    private static Compilation compile() {
        return Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                JavaFileObjects.forResource("behaviour/Asserts.java"));
    }

    @TestFactory
    Stream<DynamicTest> everyAssertMatchesTheDirectRunInEverySetting() throws Exception {
        Compilation c = compile();
        Harness.requireSuccess(c);
        List<DynamicTest> tests = new ArrayList<>();
        ClassLoader probe = Harness.loader(c);
        for (Setting s : SETTINGS) {
            Oracle oracle = new Oracle(() -> {
                ClassLoader l = Harness.loader(c);
                s.apply.accept(l);
                return l;
            });
            for (String owner : OWNERS) {
                String companion = owner.replace('$', '_') + "Coroutines";
                for (Method f : Oracle.factories(probe.loadClass(companion))) {
                    tests.add(DynamicTest.dynamicTest(s.name + ": " + owner + "." + f.getName(), () -> {
                        String direct = oracle.direct(owner, f.getName());
                        String async = oracle.async(owner, f.getName());
                        assertWithMessage("async run of " + f.getName()).that(async).isEqualTo(direct);
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** The oracle itself must see the settings: otherwise the test above could not fail. */
    @Test
    void theSettingsReallyChangeWhatTheOriginalDoes() {
        Compilation c = compile();
        Harness.requireSuccess(c);
        for (Setting s : SETTINGS) {
            Oracle oracle = new Oracle(() -> {
                ClassLoader l = Harness.loader(c);
                s.apply.accept(l);
                return l;
            });
            String direct = oracle.direct("b.Asserts", "conditionAwaits");
            String async = oracle.async("b.Asserts", "conditionAwaits");
            String expected = s.enabled
                    ? "result=null failure=java.lang.AssertionError: detail! trace=[start, true, 2, false, detail]"
                    : "result=not reached when enabled failure=null trace=[start]";
            assertWithMessage(s.name + " direct").that(direct).isEqualTo(expected);
            assertWithMessage(s.name + " async").that(async).isEqualTo(expected);
            String nested = oracle.async("b.Asserts$Nested", "nestedAwaitingAssert");
            assertWithMessage(s.name + " nested").that(nested).isEqualTo(s.enabled
                    ? "result=null failure=java.lang.AssertionError: nested detail trace=[1, detail]"
                    : "result=done failure=null trace=[]");
            assertWithMessage(s.name + " primitive detail").that(oracle.async("b.Asserts", "primitiveDetail"))
                    .isEqualTo(s.enabled ? "result=null failure=java.lang.AssertionError: 5 trace=[1]"
                            : "result=x failure=null trace=[]");
        }
    }
}
