package io.github.coro4j.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Not a test: compiles a file of 500 random @Coroutine methods with and without the processor and prints the
 * ratio (docs/processor.md records it). Run: mvn -o test-compile -pl processor -am, then
 * {@code java -cp <test classpath> io.github.coro4j.processor.CompileBenchmark}.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("coro4j-bench");
        Path g = Files.createDirectories(dir.resolve("g"));
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("P.java"), new String(CompileBenchmark.class.getResourceAsStream(
                "/behaviour/P.java").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        ProgramGenerator gen = new ProgramGenerator(42);
        StringBuilder src = new StringBuilder("package g;\n\nimport static io.github.coro4j.Coro.await;\n"
                + "import static t.P.*;\n\nimport io.github.coro4j.Coroutine;\n\npublic class Bench {\n");
        for (int i = 0; i < 500; i++) {
            src.append(gen.method("m" + i)).append('\n');
        }
        Files.writeString(g.resolve("Bench.java"), src.append("}\n"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path");
        long plain = Long.MAX_VALUE;
        long with = Long.MAX_VALUE;
        for (int round = 0; round < Integer.getInteger("rounds", 3); round++) {
            Path out = Files.createTempDirectory(dir, "out");
            long t0 = System.nanoTime();
            check(javac.run(null, null, null, "-proc:none", "-cp", cp, "-d", out.toString(),
                    t.resolve("P.java").toString(), g.resolve("Bench.java").toString()));
            long t1 = System.nanoTime();
            try (javax.tools.StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                JavaCompiler.CompilationTask task = javac.getTask(null, fm, null,
                        List.of("-cp", cp, "-d", out.toString(), "-s", out.toString()), null,
                        fm.getJavaFileObjects(t.resolve("P.java"), g.resolve("Bench.java")));
                task.setProcessors(List.of(new CoroutineProcessor()));
                check(task.call() ? 0 : 1);
            }
            long t2 = System.nanoTime();
            plain = Math.min(plain, t1 - t0);
            with = Math.min(with, t2 - t1);
            System.out.printf("round %d: without %d ms, with the processor %d ms%n", round, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000);
        }
        System.out.printf("best of 3: without %d ms, with %d ms, ratio %.2f (%d lines)%n", plain / 1_000_000,
                with / 1_000_000, (double) with / plain, List.of(src.toString().split("\n")).size());
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + rc);
        }
    }
}
