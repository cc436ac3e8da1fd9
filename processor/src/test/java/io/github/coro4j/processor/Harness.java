package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles sources with the processor and loads the classes it produced, from memory. */
final class Harness {
    private Harness() {}

    static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new CoroutineProcessor()).withOptions("-Xlint:all", "-Xlint:-processing")
                .compile(sources);
    }

    /**
     * Compiles, and requires a failure with exactly one error, containing {@code message} (a tag such as
     * {@code [CoroUnsupported]}, or more of the text) at this file and line: a diagnostic must not come with a
     * cascade of follow-up errors. Returns the compilation, for checks of the rest of the message.
     */
    static Compilation onlyError(String message, JavaFileObject file, int line, JavaFileObject... sources) {
        Compilation c = compile(sources);
        CompilationSubject.assertThat(c).failed();
        CompilationSubject.assertThat(c).hadErrorContaining(message).inFile(file).onLine(line);
        CompilationSubject.assertThat(c).hadErrorCount(1);
        return c;
    }

    /** Compiles, requires success without warnings, and returns a loader of the compiled classes. */
    static ClassLoader compileAndLoad(JavaFileObject... sources) {
        Compilation c = compile(sources);
        requireSuccess(c);
        return loader(c);
    }

    /** Requires success without warnings; on failure, shows the diagnostics and the generated sources. */
    static void requireSuccess(Compilation c) {
        String diags = c.diagnostics().stream().map(Object::toString).collect(Collectors.joining("\n"));
        if (c.status() != Compilation.Status.SUCCESS) {
            String generated = c.generatedSourceFiles().stream().map(Harness::content)
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("compilation failed:\n" + diags + "\n" + generated);
        }
        List<Diagnostic<? extends JavaFileObject>> warnings = c.warnings().stream()
                .filter(d -> d.getSource() != null && d.getSource().toUri().toString().contains("SOURCE_OUTPUT"))
                .collect(Collectors.toList());
        if (System.getProperty("coro4j.dump") != null) {
            c.generatedSourceFiles().forEach(f -> System.out.println(content(f)));
        }
        assertWithMessage("warnings: " + diags).that(warnings).isEmpty();
    }

    static String content(JavaFileObject f) {
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loader of the classes of the compilations; a later compilation's class replaces an earlier's. */
    static ClassLoader loader(Compilation... compilations) {
        Map<String, byte[]> classes = new HashMap<>();
        for (Compilation c : compilations) {
            addClasses(c, classes);
        }
        return new ClassLoader(Harness.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    private static void addClasses(Compilation c, Map<String, byte[]> classes) {
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() != JavaFileObject.Kind.CLASS) {
                continue;
            }
            String path = f.toUri().getPath();
            int i = path.indexOf("CLASS_OUTPUT/");
            String name = path.substring(i + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
                    .replace('/', '.');
            try (InputStream in = f.openInputStream()) {
                classes.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
