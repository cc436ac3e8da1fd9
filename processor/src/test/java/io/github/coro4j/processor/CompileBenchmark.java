package io.github.coro4j.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Not a test: compiles a file of 500 random @Coroutine methods with and without the processor and prints the
 * ratio (docs/benchmarks.md records it). Run: mvn -o test-compile -pl processor -am, then
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
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = Integer.getInteger("rounds", 5);
        long[] wall = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] cpuTime = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round < rounds; round++) {
            // alternate the order, so that neither side always runs on the warmer JIT
            for (int k = 0; k < 2; k++) {
                boolean withProcessor = (round + k) % 2 == 1;
                Path out = Files.createTempDirectory(dir, "out");
                long w0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                try (javax.tools.StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                    List<String> options = withProcessor
                            ? List.of("-cp", cp, "-d", out.toString(), "-s", out.toString())
                            : List.of("-proc:none", "-cp", cp, "-d", out.toString());
                    JavaCompiler.CompilationTask task = javac.getTask(null, fm, null, options, null,
                            fm.getJavaFileObjects(t.resolve("P.java"), g.resolve("Bench.java")));
                    if (withProcessor) {
                        task.setProcessors(List.of(new CoroutineProcessor()));
                    }
                    check(task.call() ? 0 : 1);
                }
                long w = System.nanoTime() - w0;
                long c = cpu.getCurrentThreadCpuTime() - c0;
                int i = withProcessor ? 1 : 0;
                wall[i] = Math.min(wall[i], w);
                cpuTime[i] = Math.min(cpuTime[i], c);
                System.out.printf("round %d %s: %d ms wall, %d ms CPU (compiling thread)%n", round,
                        withProcessor ? "with the processor" : "without", w / 1_000_000, c / 1_000_000);
            }
        }
        System.out.printf("best of %d: without %d ms wall / %d ms CPU, with %d ms wall / %d ms CPU; "
                + "ratio %.2f wall, %.2f CPU (%d lines)%n", rounds, wall[0] / 1_000_000, cpuTime[0] / 1_000_000,
                wall[1] / 1_000_000, cpuTime[1] / 1_000_000, (double) wall[1] / wall[0],
                (double) cpuTime[1] / cpuTime[0], List.of(src.toString().split("\n")).size());
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + rc);
        }
    }
}
