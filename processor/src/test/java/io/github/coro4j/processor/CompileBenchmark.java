package io.github.coro4j.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Not a test: compiles a file of 500 @Coroutine methods with and without the processor and prints the ratio
 * (docs/benchmarks.md records it), for two corpora ({@code -Dcorpus=typical,dense}, see {@link ServiceCorpus}).
 * A third configuration compiles the original and the generated sources without the processor: the part of
 * the cost that is compiling the generated code rather than running the processor. Run: mvn -o test-compile -pl processor -am, then
 * {@code java -cp <test classpath> io.github.coro4j.processor.CompileBenchmark}.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (String corpus : System.getProperty("corpus", "typical,dense").split(",")) {
            run(corpus);
        }
    }

    private static void run(String corpus) throws Exception {
        Path dir = Files.createTempDirectory("coro4j-bench");
        Path g = Files.createDirectories(dir.resolve("g"));
        Path t = Files.createDirectories(dir.resolve("t"));
        StringBuilder src;
        Path fixture;
        if (corpus.equals("typical")) {
            fixture = t.resolve("Svc.java");
            Files.writeString(fixture, ServiceCorpus.SERVICE);
            src = new StringBuilder(ServiceCorpus.HEADER);
            ServiceCorpus gen = new ServiceCorpus(42);
            for (int i = 0; i < 500; i++) {
                src.append(gen.method(i)).append('\n');
            }
        } else {
            fixture = t.resolve("P.java");
            Files.writeString(fixture, new String(CompileBenchmark.class.getResourceAsStream(
                    "/behaviour/P.java").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ProgramGenerator gen = new ProgramGenerator(42);
            src = new StringBuilder("package g;\n\nimport static io.github.coro4j.Coro.await;\n"
                    + "import static t.P.*;\n\nimport io.github.coro4j.Coroutine;\n\npublic class Bench {\n");
            for (int i = 0; i < 500; i++) {
                src.append(gen.method("m" + i)).append('\n');
            }
        }
        Files.writeString(g.resolve("Bench.java"), src.append("}\n"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path");
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = Integer.getInteger("rounds", 5);
        String[] configs = {"javac alone", "with the processor", "javac on the original and generated sources"};
        long[] wall = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        long[] cpuTime = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        Path generated = Files.createTempDirectory(dir, "generated");
        for (int round = 0; round < rounds; round++) {
            // rotate the order, so that no configuration always runs on the warmest JIT
            for (int k = 0; k < 3; k++) {
                int i = (round + k) % 3;
                if (i == 2 && round == 0 && k < 2) {
                    continue; // the generated sources come from the first run with the processor
                }
                Path out = Files.createTempDirectory(dir, "out");
                List<Path> files = new java.util.ArrayList<>(List.of(fixture, g.resolve("Bench.java")));
                List<String> options;
                if (i == 1) {
                    options = List.of("-cp", cp, "-d", out.toString(), "-s", generated.toString());
                } else {
                    options = List.of("-proc:none", "-cp", cp, "-d", out.toString());
                    if (i == 2) {
                        try (java.util.stream.Stream<Path> s = Files.list(generated.resolve("g"))) {
                            s.forEach(files::add);
                        }
                    }
                }
                long w0 = System.nanoTime();
                long c0 = cpu.getCurrentThreadCpuTime();
                try (javax.tools.StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
                    JavaCompiler.CompilationTask task = javac.getTask(null, fm, null, options, null,
                            fm.getJavaFileObjectsFromPaths(files));
                    if (i == 1) {
                        task.setProcessors(List.of(new CoroutineProcessor()));
                    }
                    check(task.call() ? 0 : 1);
                }
                long w = System.nanoTime() - w0;
                long c = cpu.getCurrentThreadCpuTime() - c0;
                wall[i] = Math.min(wall[i], w);
                cpuTime[i] = Math.min(cpuTime[i], c);
                System.out.printf("%s round %d, %s: %d ms wall, %d ms CPU (compiling thread)%n", corpus, round,
                        configs[i], w / 1_000_000, c / 1_000_000);
            }
        }
        long lines = src.chars().filter(ch -> ch == '\n').count();
        long generatedLines = 0;
        try (java.util.stream.Stream<Path> s = Files.list(generated.resolve("g"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                generatedLines += Files.readAllLines(p).size();
            }
        }
        System.out.printf("%s corpus (%d lines, %d generated), best of %d:%n", corpus, lines, generatedLines, rounds);
        for (int i = 0; i < 3; i++) {
            System.out.printf("  %-45s %6d ms wall %6d ms CPU   ratio to javac alone: %.2f wall, %.2f CPU%n",
                    configs[i], wall[i] / 1_000_000, cpuTime[i] / 1_000_000, (double) wall[i] / wall[0],
                    (double) cpuTime[i] / cpuTime[0]);
        }
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("javac failed: " + rc);
        }
    }
}
