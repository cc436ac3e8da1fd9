package io.github.coro4j.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Generates random @Coroutine method bodies for the property test: nested loops (labeled, with break and
 * continue), if/else, switch statements with fallthrough and switch expressions, try/catch/finally, throw,
 * early return, and awaits inside expressions (operands, arguments, conditions, short-circuit and ternary
 * operands, compound assignments). Every program terminates (loops are bounded) and is valid Java; its
 * trace (what it logs) and result are compared between the direct and the generated run.
 */
final class ProgramGenerator {
    private final Random rnd;
    private final StringBuilder out = new StringBuilder();
    private int names;
    private int budget;
    private final Deque<List<String>> scopes = new ArrayDeque<>();
    /** Enclosing jump targets: a loop label, or "switch" for a switch statement, or "expr" (no jumps out). */
    private final Deque<String> targets = new ArrayDeque<>();

    ProgramGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    /** The source of one method named {@code name}. */
    String method(String name) {
        out.setLength(0);
        names = 0;
        budget = 8 + rnd.nextInt(16);
        scopes.clear();
        targets.clear();
        out.append("    @Coroutine\n    static String ").append(name).append("(int p) {\n");
        scopes.push(new ArrayList<>(List.of("p")));
        block(2, 3);
        out.append("        return \"end\" + ").append(var()).append(";\n    }\n");
        return out.toString();
    }

    private void line(int indent, String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }

    private String fresh(String prefix) {
        return prefix + names++;
    }

    private String var() {
        List<String> all = new ArrayList<>();
        for (List<String> s : scopes) {
            all.addAll(s);
        }
        return all.get(rnd.nextInt(all.size()));
    }

    private String assignable() {
        List<String> all = new ArrayList<>();
        for (List<String> s : scopes) {
            for (String v : s) {
                if (v.startsWith("x") || v.equals("p")) {
                    all.add(v);
                }
            }
        }
        return all.get(rnd.nextInt(all.size()));
    }

    private void block(int indent, int depth) {
        scopes.push(new ArrayList<>());
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && budget > 0; i++) {
            statement(indent, depth);
        }
        scopes.pop();
    }

    private void statement(int in, int depth) {
        budget--;
        boolean noJumps = targets.contains("expr");
        int k = rnd.nextInt(depth > 0 ? 16 : 7);
        switch (k) {
            case 0:
            case 1: {
                String x = fresh("x");
                line(in, "int " + x + " = " + expr(2) + ";");
                scopes.peek().add(x);
                break;
            }
            case 2:
                line(in, assignable() + " " + pick("=", "+=", "-=", "*=") + " " + expr(2) + ";");
                break;
            case 3:
                if (rnd.nextInt(3) == 0) {
                    // awaits in the condition and the detail; enabled or not as PropertyTest's loaders say
                    line(in, "assert " + cond(2) + " : \"a\" + " + expr(1) + ";");
                } else {
                    line(in, "log(\"s\" + " + expr(2) + ");");
                }
                break;
            case 4:
                line(in, "await(v(" + expr(1) + "));");
                break;
            case 5:
                if (!noJumps && rnd.nextInt(3) == 0) {
                    line(in, "if (" + cond(1) + ") return \"r\" + " + expr(1) + ";");
                } else {
                    line(in, "if (" + cond(1) + ") throw new IllegalStateException(\"t\" + " + expr(1) + ");");
                }
                break;
            case 6:
                if (!targets.isEmpty() && !noJumps) {
                    jump(in);
                } else {
                    line(in, "log(" + expr(2) + ");");
                }
                break;
            case 7:
                line(in, "if (" + cond(2) + ") {");
                block(in + 1, depth - 1);
                if (rnd.nextBoolean()) {
                    line(in, "} else {");
                    block(in + 1, depth - 1);
                }
                line(in, "}");
                break;
            case 8:
            case 9: {
                String label = fresh("L");
                String i = fresh("i");
                line(in, label + ":");
                line(in, "for (int " + i + " = 0; " + i + " < " + (1 + rnd.nextInt(3)) + "; " + i + "++) {");
                scopes.push(new ArrayList<>(List.of(i)));
                targets.push(label);
                block(in + 1, depth - 1);
                targets.pop();
                scopes.pop();
                line(in, "}");
                break;
            }
            case 10: {
                String label = fresh("L");
                String w = fresh("w");
                line(in, "int " + w + " = 0;");
                scopes.peek().add(w);
                line(in, label + ":");
                if (rnd.nextBoolean()) {
                    line(in, "while (" + w + "++ < " + (1 + rnd.nextInt(3)) + " && " + cond(1) + ") {");
                    targets.push(label);
                    block(in + 1, depth - 1);
                    targets.pop();
                    line(in, "}");
                } else {
                    line(in, "do {");
                    targets.push(label);
                    block(in + 1, depth - 1);
                    targets.pop();
                    line(in, "} while (" + w + "++ < " + (1 + rnd.nextInt(3)) + " && " + cond(1) + ");");
                }
                break;
            }
            case 11: {
                line(in, "switch (Math.floorMod(" + expr(2) + ", 4)) {");
                targets.push("switch");
                for (int c = 0; c < 3; c++) {
                    line(in + 1, c == 2 ? "default:" : "case " + c + ":");
                    line(in + 2, "{");
                    block(in + 3, depth - 1);
                    line(in + 2, "}");
                    if (rnd.nextBoolean()) {
                        line(in + 2, "break;");
                    }
                }
                targets.pop();
                line(in, "}");
                break;
            }
            case 12: {
                String x = fresh("x");
                line(in, "int " + x + " = " + expr(1) + " + switch (Math.floorMod(" + expr(1) + ", 3)) {");
                targets.push("expr");
                line(in + 1, "case 0 -> " + expr(2) + ";");
                line(in + 1, "case 1 -> {");
                block(in + 2, depth - 1);
                line(in + 2, "yield " + expr(1) + ";");
                line(in + 1, "}");
                line(in + 1, "default -> " + expr(1) + ";");
                targets.pop();
                line(in, "};");
                scopes.peek().add(x);
                break;
            }
            case 13:
            case 14: {
                line(in, "try {");
                block(in + 1, depth - 1);
                if (rnd.nextInt(4) == 0) {
                    line(in + 1, "await(fail(\"f" + names++ + "\"));");
                }
                boolean hasCatch = rnd.nextInt(3) > 0;
                if (hasCatch) {
                    String e = fresh("e");
                    line(in, "} catch (IllegalStateException " + e + ") {");
                    line(in + 1, "log(\"c\" + " + e + ".getMessage());");
                    block(in + 1, depth - 1);
                }
                if (!hasCatch || rnd.nextBoolean()) {
                    line(in, "} finally {");
                    line(in + 1, "log(\"fin\");");
                    block(in + 1, depth - 1);
                }
                line(in, "}");
                break;
            }
            default: {
                line(in, "{");
                block(in + 1, depth - 1);
                line(in, "}");
            }
        }
    }

    private void jump(int in) {
        List<String> loops = new ArrayList<>();
        for (String t : targets) {
            if (t.equals("expr")) {
                break;
            }
            if (!t.equals("switch")) {
                loops.add(t);
            }
        }
        String innermost = targets.peek();
        String j;
        if (innermost.equals("switch") && (loops.isEmpty() || rnd.nextBoolean())) {
            j = "break;";
        } else if (loops.isEmpty()) {
            j = "break;";
        } else {
            String target = loops.get(rnd.nextInt(loops.size()));
            boolean unlabeled = target.equals(innermost) && rnd.nextBoolean();
            j = (rnd.nextBoolean() ? "break" : "continue") + (unlabeled ? "" : " " + target) + ";";
        }
        line(in, "if (" + cond(1) + ") " + j);
    }

    private String pick(String... s) {
        return s[rnd.nextInt(s.length)];
    }

    private String expr(int depth) {
        int k = rnd.nextInt(depth > 0 ? 10 : 3);
        switch (k) {
            case 0:
                return String.valueOf(rnd.nextInt(10));
            case 1:
            case 2:
                return var();
            case 3:
            case 4:
                return "await(v(" + expr(depth - 1) + "))";
            case 5:
                return "(" + expr(depth - 1) + " " + pick("+", "-", "*") + " " + expr(depth - 1) + ")";
            case 6:
                return "(" + cond(depth - 1) + " ? " + expr(depth - 1) + " : " + expr(depth - 1) + ")";
            case 7:
                return "log(" + expr(depth - 1) + ")";
            case 8:
                return "f(" + expr(depth - 1) + ", " + expr(depth - 1) + ")";
            default:
                return "(" + expr(depth - 1) + " + " + expr(depth - 1) + ")";
        }
    }

    private String cond(int depth) {
        int k = rnd.nextInt(depth > 0 ? 6 : 2);
        switch (k) {
            case 0:
                return expr(depth) + " " + pick("<", ">", "==", "!=") + " " + expr(depth);
            case 1:
                return "await(vb(" + expr(0) + " " + pick("<", ">=") + " " + rnd.nextInt(10) + "))";
            case 2:
                return "(" + cond(depth - 1) + " && " + cond(depth - 1) + ")";
            case 3:
                return "(" + cond(depth - 1) + " || " + cond(depth - 1) + ")";
            case 4:
                return "!(" + cond(depth - 1) + ")";
            default:
                return "logb(" + expr(depth - 1) + " % 2 == 0)";
        }
    }
}
