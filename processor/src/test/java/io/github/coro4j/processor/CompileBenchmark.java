package io.github.coro4j.processor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Not a test: the compile-time cost of the processor (docs/benchmarks.md records it). For each corpus, a file
 * of 500 {@code @Coroutine} methods ({@code -Dcorpus=typical,dense}, see {@link ServiceCorpus}) is compiled
 * three ways: by javac alone, with the processor, and by javac alone on the original and the generated
 * sources (the part of the cost that is compiling the generated code rather than running the processor).
 *
 * <ul>
 *   <li><b>cold</b>: each compilation in a fresh JVM, as a build tool's first compilation is: the median of
 *       {@code -Dcold=5} runs of wall time and of the process's CPU time (JIT and GC threads included);
 *   <li><b>warm</b>: all compilations in this JVM, as in a long-lived build daemon: the median of the last
 *       half of {@code -Dwarm=10} rounds, wall time and the compiling thread's CPU time.
 * </ul>
 * The three configurations alternate in every round, so machine noise spreads over all of them. Run:
 * {@code mvn -o test-compile -pl processor -am}, then
 * {@code java -cp <test class path> io.github.coro4j.processor.CompileBenchmark}.
 */
public final class CompileBenchmark {
    private static final String[] CONFIGS = {"javac alone", "with the processor", "javac on original + generated"};

    private CompileBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--once")) {
            // a child JVM of the cold measurement: compile once, report this process's CPU time
            compile(Integer.parseInt(args[1]), Path.of(args[2]));
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.println("cpu-ns " + os.getProcessCpuTime());
            return;
        }
        for (String corpus : System.getProperty("corpus", "typical,dense").split(",")) {
            Path dir = write(corpus);
            compile(1, dir); // the generated sources that configuration 2 compiles
            long lines = lines(dir.resolve("g/Bench.java"));
            long generated = 0;
            for (Path p : generatedFiles(dir)) {
                generated += lines(p);
            }
            System.out.printf("%n%s corpus: 500 methods, %d lines; %d lines generated%n", corpus, lines, generated);
            report("cold (fresh JVM per compilation)", cold(dir, Integer.getInteger("cold", 5)));
            report("warm (same JVM)", warm(dir, Integer.getInteger("warm", 10)));
        }
    }

    /** [config][run] = {wall ns, cpu ns}. */
    private static long[][][] cold(Path dir, int runs) throws Exception {
        long[][][] r = new long[3][runs][];
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < 3; k++) {
                int config = (run + k) % 3;
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        CompileBenchmark.class.getName(), "--once", String.valueOf(config), dir.toString())
                        .redirectErrorStream(true).start();
                long w0 = System.nanoTime();
                String out = new String(p.getInputStream().readAllBytes());
                if (p.waitFor() != 0 || !out.contains("cpu-ns ")) {
                    throw new IllegalStateException("compilation failed: " + out);
                }
                long wall = System.nanoTime() - w0;
                long cpu = Long.parseLong(out.substring(out.indexOf("cpu-ns ") + 7).trim());
                r[config][run] = new long[] {wall, cpu};
            }
        }
        return r;
    }

    private static long[][][] warm(Path dir, int rounds) throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][][] r = new long[3][rounds - rounds / 2][];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < 3; k++) {
                int config = (round + k) % 3;
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                compile(config, dir);
                long wall = System.nanoTime() - w0;
                long cpu = threads.getCurrentThreadCpuTime() - c0;
                if (round >= rounds / 2) {
                    r[config][round - rounds / 2] = new long[] {wall, cpu};
                }
            }
        }
        return r;
    }

    private static void report(String title, long[][][] r) {
        System.out.println("  " + title + ", medians:");
        long baseWall = median(r[0], 0);
        long baseCpu = median(r[0], 1);
        for (int i = 0; i < 3; i++) {
            long wall = median(r[i], 0);
            long cpu = median(r[i], 1);
            System.out.printf("    %-32s %6d ms wall %6d ms CPU   ratio %.2f wall, %.2f CPU%n", CONFIGS[i],
                    wall / 1_000_000, cpu / 1_000_000, (double) wall / baseWall, (double) cpu / baseCpu);
        }
    }

    private static long median(long[][] runs, int which) {
        long[] v = Arrays.stream(runs).mapToLong(x -> x[which]).sorted().toArray();
        return v[v.length / 2];
    }

    /** Compiles one configuration into a fresh output folder under {@code dir}. */
    private static void compile(int config, Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("java.class.path");
        Path out = Files.createTempDirectory(dir, "out");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.resolve("t"))) {
            s.forEach(files::add);
        }
        files.add(dir.resolve("g/Bench.java"));
        List<String> options;
        if (config == 1) {
            Path generated = Files.createDirectories(dir.resolve("generated"));
            options = List.of("-cp", cp, "-d", out.toString(), "-s", config == 1 && generatedFiles(dir).isEmpty()
                    ? generated.toString() : out.toString());
        } else {
            options = List.of("-proc:none", "-cp", cp, "-d", out.toString());
            if (config == 2) {
                files.addAll(generatedFiles(dir));
            }
        }
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, null, options, null,
                    fm.getJavaFileObjectsFromPaths(files));
            if (config == 1) {
                task.setProcessors(List.of(new CoroutineProcessor()));
            }
            if (!task.call()) {
                throw new IllegalStateException("javac failed: " + CONFIGS[config]);
            }
        }
    }

    private static List<Path> generatedFiles(Path dir) throws Exception {
        Path g = dir.resolve("generated/g");
        if (!Files.isDirectory(g)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(g)) {
            return s.sorted().toList();
        }
    }

    private static long lines(Path p) throws Exception {
        return Files.readAllLines(p).size();
    }

    /** Writes the corpus: the fixture under t/ and the 500 methods in g/Bench.java. */
    private static Path write(String corpus) throws Exception {
        Path dir = Files.createTempDirectory("coro4j-bench");
        Path g = Files.createDirectories(dir.resolve("g"));
        Path t = Files.createDirectories(dir.resolve("t"));
        StringBuilder src;
        if (corpus.equals("typical")) {
            Files.writeString(t.resolve("Svc.java"), ServiceCorpus.SERVICE);
            src = new StringBuilder(ServiceCorpus.HEADER);
            ServiceCorpus gen = new ServiceCorpus(42);
            for (int i = 0; i < 500; i++) {
                src.append(gen.method(i)).append('\n');
            }
        } else if (corpus.equals("dense")) {
            Files.writeString(t.resolve("P.java"), new String(CompileBenchmark.class.getResourceAsStream(
                    "/behaviour/P.java").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ProgramGenerator gen = new ProgramGenerator(42);
            src = new StringBuilder("package g;\n\nimport static io.github.coro4j.Coro.await;\n"
                    + "import static t.P.*;\n\nimport io.github.coro4j.Coroutine;\n\npublic class Bench {\n");
            for (int i = 0; i < 500; i++) {
                src.append(gen.method("m" + i)).append('\n');
            }
        } else {
            throw new IllegalArgumentException("corpus: typical or dense, not " + corpus);
        }
        Files.writeString(g.resolve("Bench.java"), src.append("}\n"));
        return dir;
    }
}
