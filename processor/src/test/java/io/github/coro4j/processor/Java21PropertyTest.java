package io.github.coro4j.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random Java 21 switches that await (pattern and record-pattern labels, guards with and without awaits,
 * {@code case null}, statement and expression, arrow and colon forms), each run through its factory and
 * directly, like {@link PropertyTest}. Needs a JDK 21+, like {@link Java21BehaviourTest}.
 * {@code -Dcoro4j.patternPrograms=N -Dcoro4j.seed=S} for other runs.
 */
class Java21PropertyTest {
    @BeforeAll
    static void needsJava21() {
        if (Runtime.version().feature() < 21) {
            String why = "SKIPPED Java21PropertyTest: it needs a JDK 21+ and runs on " + Runtime.version()
                    + "; `mvn verify` runs it on a JDK 21+ found by maven-toolchains-plugin (see processor/pom.xml)";
            System.out.println(why);
            assumeTrue(false, why);
        }
    }

    private static final String HEADER = String.join("\n",
            "package g;",
            "import static io.github.coro4j.Coro.await;",
            "import static t.T.log;",
            "import static t.T.v;",
            "import io.github.coro4j.Coroutine;",
            "import java.util.Arrays;",
            "import java.util.List;",
            "public class %s {",
            "    sealed interface Shape permits Circle, Square {}",
            "    record Circle(int r) implements Shape {}",
            "    record Square(int side) implements Shape {}",
            "    record Point(int x, int y) {}",
            "    record Pair(Object a, Object b) {}",
            "    static final List<Object> VALUES = Arrays.asList(\"\", \"ab\", \"abcd\", 0, 3, -2, 8, null, 5L,",
            "            new Point(1, 2), new Point(4, 0), new Circle(3), new Square(2), new Pair(1, \"x\"),",
            "            new Pair(new Point(2, 2), null), List.of(1));",
            "");

    /** One group of labels per type, in an order javac accepts (guarded before unguarded, no dominance). */
    private static final String[][] GROUPS = {
        // pattern, guards (%s is an await-free constant), body using the bindings
        {"String s", "s.length() > %d", "s.length() == await(v(%d))", "log(s).isEmpty() == await(v(false))",
            "s + await(v(s.length()))"},
        {"Integer i", "i > %d", "await(v(i)) %% 2 == 0", "log(i) < await(v(%d))", "\"i\" + i + await(v(i * 2))"},
        {"Point(int x, int y)|Point(var x, var y)|Point(var x, int y)", "x < y", "await(v(x + y)) > %d",
            "log(y) == await(v(0))", "x + \"/\" + await(v(y))"},
        {"Circle(int r)", "r > %d", "await(v(r)) < %d", "log(r) > 1", "\"c\" + await(v(r))"},
        {"Shape sh", "sh instanceof Square(int side) && side > %d", "await(v(sh)) instanceof Circle", "log(sh) != null",
            "\"sh\" + await(v(sh))"},
        {"Pair(Point(var x, int y), var b)", "x > %d", "await(v(y)) >= %d", "b == null",
            "\"pp\" + x + y + await(v(String.valueOf(b)))"},
        {"Pair(Integer n, String t)", "n > %d", "await(v(t)).length() == %d", "t.isEmpty()", "\"pn\" + n + t"},
        {"Pair p", "p.a() == null", "await(v(p.b())) == null", "p.a() instanceof Integer k && k > %d",
            "\"p\" + await(v(p.a()))"},
    };

    private final Random rnd;
    private int n;

    Java21PropertyTest() {
        this.rnd = new Random(Long.getLong("coro4j.seed", 21L));
    }

    private String guard(String[] g) {
        String text = g[1 + rnd.nextInt(3)];
        String withLog = "log(\"g" + (n++) + "\") != null && ";
        return (rnd.nextBoolean() ? withLog : "") + String.format(text, rnd.nextInt(5));
    }

    private String pattern(String[] g) {
        String[] variants = g[0].split("\\|");
        return variants[rnd.nextInt(variants.length)];
    }

    /** A method with a loop over VALUES and one random switch that awaits. */
    String method(String name) {
        boolean expression = rnd.nextBoolean();
        boolean arrow = rnd.nextBoolean();
        List<String[]> cases = new ArrayList<>(); // {label, body}
        boolean nullFirst = rnd.nextInt(3) == 0;
        if (nullFirst) {
            cases.add(new String[] {"case null", "\"null\" + await(v(1))"});
        }
        for (String[] g : GROUPS) {
            if (rnd.nextInt(3) == 0) {
                continue;
            }
            int guarded = rnd.nextInt(3);
            for (int k = 0; k < guarded; k++) {
                cases.add(new String[] {"case " + pattern(g) + " when " + guard(g), "\"G" + k + "\" + " + g[4]});
            }
            if (rnd.nextBoolean()) {
                cases.add(new String[] {"case " + pattern(g), g[4]});
            }
        }
        cases.add(new String[] {!nullFirst && rnd.nextBoolean() ? "case null, default" : "default",
            "\"d\" + await(v(String.valueOf(o)))"});
        StringBuilder b = new StringBuilder();
        b.append("    @Coroutine\n    static String ").append(name).append("() {\n");
        b.append("        StringBuilder sb = new StringBuilder();\n");
        b.append("        for (Object o : VALUES) {\n");
        String selector = rnd.nextBoolean() ? "await(v(log(o)))" : "log(o)";
        b.append("            try {\n");
        if (expression) {
            b.append("            String res = switch (").append(selector).append(") {\n");
            for (String[] c : cases) {
                b.append("                ").append(c[0]).append(arrow ? " -> " + c[1] + ";\n"
                        : ": yield " + c[1] + ";\n");
            }
            b.append("            };\n");
            b.append("            sb.append(res).append(';');\n");
        } else {
            b.append("            switch (").append(selector).append(") {\n");
            for (String[] c : cases) {
                b.append("                ").append(c[0]).append(arrow ? " -> sb.append(" + c[1] + ");\n"
                        : ": sb.append(" + c[1] + "); break;\n");
            }
            b.append("            }\n");
            b.append("            sb.append(';');\n");
        }
        b.append("            } catch (RuntimeException e) {\n");
        b.append("                sb.append(e.getClass().getSimpleName()).append(';');\n");
        b.append("            }\n");
        b.append("        }\n        return sb.toString();\n    }\n");
        return b.toString();
    }

    @Test
    void randomPatternSwitchesBehaveLikeTheDirectRun() {
        int programs = Integer.getInteger("coro4j.patternPrograms", 120);
        int perUnit = 30;
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (int u = 0; checked < programs; u++) {
            String cls = "Sw" + u;
            StringBuilder src = new StringBuilder(String.format(HEADER, cls));
            List<String> names = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int m = 0; m < perUnit && checked + m < programs; m++) {
                String body = method("m" + m);
                names.add("m" + m);
                bodies.add(body);
                src.append(body);
            }
            src.append("}\n");
            Compilation c = Harness.compile(JavaFileObjects.forResource("behaviour/T.java"),
                    JavaFileObjects.forSourceString("g." + cls, src.toString()));
            if (System.getProperty("coro4j.dumpPatterns") != null) {
                System.out.println(src);
            }
            Harness.requireSuccess(c);
            Oracle oracle = new Oracle(c);
            for (int m = 0; m < names.size(); m++) {
                String direct = oracle.direct("g." + cls, names.get(m));
                String async = oracle.async("g." + cls, names.get(m));
                if (!direct.equals(async)) {
                    failures.add(bodies.get(m) + "direct: " + direct + "\nasync:  " + async);
                }
                assertWithMessage("a direct run that failed outright: " + bodies.get(m)).that(direct)
                        .doesNotContain("failure=java");
            }
            checked += names.size();
        }
        assertWithMessage(failures.size() + " divergences in " + checked + " switches:\n"
                + String.join("\n\n", failures.subList(0, Math.min(3, failures.size())))).that(failures).isEmpty();
    }
}
