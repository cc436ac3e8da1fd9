package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden generated sources: src/test/resources/golden/X.java is compiled with the processor, and the
 * generated XCoroutines (the public factories) and XStateMachines (the state machines) must equal
 * src/test/resources/golden/XCoroutines.java.golden and XStateMachines.java.golden. After an intended
 * change of the generated code, regenerate them with
 * {@code mvn -o verify -pl processor -am -Dcoro4j.updateGolden=true} and review the diff.
 */
class GoldenTest {
    private static final Path DIR = Paths.get("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"Greeter", "Loops", "Resources", "Account"})
    void generatedSourceMatchesGolden(String name) throws IOException {
        Compilation c = Harness.compile(JavaFileObjects.forResource("golden/" + name + ".java"));
        Harness.requireSuccess(c);
        for (String suffix : new String[] {"Coroutines", "StateMachines"}) {
            JavaFileObject generated = c.generatedSourceFile("demo." + name + suffix).orElseThrow();
            String actual = Harness.content(generated);
            Path golden = DIR.resolve(name + suffix + ".java.golden");
            if (Boolean.getBoolean("coro4j.updateGolden")) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                continue;
            }
            assertWithMessage("generated source of " + name + suffix + " (regenerate with -Dcoro4j.updateGolden=true)")
                    .that(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }
}
