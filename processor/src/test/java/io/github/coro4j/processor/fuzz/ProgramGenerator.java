package io.github.coro4j.processor.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes random {@code @Coroutine} method bodies that javac accepts: nested loops with labels, break and
 * continue, switch statements and expressions, try/catch/finally, try-with-resources, throws and early
 * returns, lambdas capturing per-iteration values, and awaits inside expressions, conditions, arguments,
 * array indices and compound assignments. Every program appends to a trace, so the direct run (the oracle)
 * and the coroutine run can be compared event by event.
 *
 * <p>Javac's rules shape the generator: jumps are always guarded by an {@code if} (so nothing after them is
 * unreachable), locals are initialised where declared and never redeclared in an inner scope, case bodies
 * are blocks, and lambdas capture only final copies.
 */
final class ProgramGenerator {
    private static final int MAX_DEPTH = 4;

    private final SplittableRandom random;
    private StringBuilder out;
    private int indent;
    private int ids;
    private int budget;

    /** Variables in scope, innermost scope last. */
    private final Deque<List<Var>> scopes = new ArrayDeque<>();
    /** Names that a closed sibling scope used: reusing one, maybe with another type, is allowed. */
    private final List<String> reusable = new ArrayList<>();
    /** Enclosing statements a jump may target: loops (with an optional label) and switches. */
    private final Deque<Jump> jumps = new ArrayDeque<>();
    /** Inside a switch-expression arm, a lambda or a finally nothing may jump out. */
    private int noJumps;

    private record Var(String name, boolean isLong, boolean readOnly) {}

    private record Jump(boolean loop, String label) {}

    ProgramGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A complete static method {@code static int name(FuzzSupport.Source k, List<String> t)}. */
    String method(String name) {
        out = new StringBuilder();
        indent = 1;
        ids = 0;
        budget = 12 + random.nextInt(40);
        scopes.clear();
        reusable.clear();
        jumps.clear();
        noJumps = 0;
        line("@Coroutine");
        line("static int " + name + "(FuzzSupport.Source k, List<String> t) throws Exception {");
        indent++;
        line("int[] arr = new int[4];");
        line("List<IntSupplier> fns = new ArrayList<>();");
        openScope();
        while (budget > 0) {
            statement(0);
        }
        line("for (IntSupplier f : fns) t.add(\"fn=\" + f.getAsInt());");
        line("return " + intExpr(2) + ";");
        closeScope();
        indent--;
        line("}");
        return out.toString();
    }

    // ------------------------------------------------------------------ statements

    private void statement(int depth) {
        budget--;
        int choice = random.nextInt(depth >= MAX_DEPTH ? 8 : 24);
        switch (choice) {
            case 0 -> line("t.add(\"s" + id() + ":\" + " + intExpr(2) + ");");
            // an assert with awaits in the condition or the detail (its message marks it as the program's own)
            case 1 -> line(random.nextInt(3) == 0
                    ? "assert " + boolExpr(2) + " : \"" + FuzzSupport.ASSERT + "\" + " + intExpr(1) + ";"
                    : "t.add(\"s" + id() + ":\" + " + intExpr(2) + ");");
            case 2, 3 -> declare();
            case 4 -> assign();
            case 5 -> line("await(k.v(" + intExpr(1) + "));");
            case 6 -> jump();
            case 7 -> line("arr[" + intExpr(1) + " & 3] += " + intExpr(2) + ";");
            case 8, 9 -> ifStatement(depth);
            case 10, 11 -> forLoop(depth);
            case 12 -> whileLoop(depth);
            case 13 -> doLoop(depth);
            case 14 -> switchStatement(depth);
            case 15 -> switchExpression();
            case 16, 17 -> tryStatement(depth);
            case 18 -> tryWithResources(depth);
            case 19 -> enhancedFor(depth);
            case 20 -> lambda();
            case 21 -> localClass();
            case 22 -> block(depth);
            default -> labeledLoop(depth);
        }
    }

    private void declare() {
        boolean isLong = random.nextInt(4) == 0;
        String name = newName();
        String init = intExpr(2);
        if (isLong) {
            line("long " + name + " = (long) " + init + " * 3L;");
        } else {
            line("int " + name + " = " + init + ";");
        }
        scopes.peekLast().add(new Var(name, isLong, false));
    }

    private void assign() {
        Var v = writable();
        if (v == null) {
            declare();
            return;
        }
        String op = random.nextBoolean() ? " = " : " += ";
        line(v.name + op + intExpr(2) + ";");
    }

    private void jump() {
        if (noJumps > 0) {
            line("t.add(\"nojump\");");
            return;
        }
        int kind = random.nextInt(5);
        String cond = boolExpr(1);
        if (kind == 0) {
            line("if (" + cond + ") return " + intExpr(1) + ";");
        } else if (kind == 1) {
            line("if (" + cond + ") throw new FuzzSupport.E(" + random.nextInt(10) + ");");
        } else if (!jumps.isEmpty()) {
            List<Jump> targets = new ArrayList<>(jumps);
            Jump target = targets.get(random.nextInt(targets.size()));
            boolean useContinue = target.loop && random.nextBoolean();
            boolean innermostOfKind = isInnermost(target, useContinue);
            String label = target.label != null && (!innermostOfKind || random.nextBoolean()) ? " " + target.label : "";
            if (label.isEmpty() && !innermostOfKind) {
                line("t.add(\"j\");");
                return;
            }
            line("if (" + cond + ") " + (useContinue ? "continue" : "break") + label + ";");
        } else {
            line("if (" + cond + ") return " + intExpr(1) + ";");
        }
    }

    /** Whether an unlabeled break (or continue) would reach {@code target}. */
    private boolean isInnermost(Jump target, boolean isContinue) {
        for (var it = jumps.descendingIterator(); it.hasNext(); ) {
            Jump j = it.next();
            if (isContinue ? j.loop : true) {
                return j == target;
            }
        }
        return false;
    }

    private void ifStatement(int depth) {
        line("if (" + boolExpr(2) + ") {");
        body(depth);
        if (random.nextBoolean()) {
            line("} else {");
            body(depth);
        }
        line("}");
    }

    private void forLoop(int depth) {
        String i = newName();
        line("for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {");
        loopBody(depth, null, new Var(i, false, true));
        line("}");
    }

    private void labeledLoop(int depth) {
        String label = "L" + id();
        String i = newName();
        line(label + ":");
        line("for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {");
        loopBody(depth, label, new Var(i, false, true));
        line("}");
    }

    private void whileLoop(int depth) {
        String w = newName();
        scopes.peekLast().add(new Var(w, false, true));
        line("int " + w + " = 0;");
        if (random.nextBoolean()) {
            line("while (" + w + "++ < " + bound() + ") {");
        } else {
            line("while (" + w + " < await(k.v(" + bound() + "))) {");
            line("    " + w + "++;");
        }
        loopBody(depth, null, null);
        line("}");
    }

    private void doLoop(int depth) {
        String d = newName();
        scopes.peekLast().add(new Var(d, false, true));
        line("int " + d + " = 0;");
        line("do {");
        indent++;
        line(d + "++;");
        indent--;
        loopBody(depth, null, null);
        line("} while (" + d + " < " + bound() + ");");
    }

    private void enhancedFor(int depth) {
        String x = newName();
        if (random.nextBoolean()) {
            line("for (int " + x + " : FuzzSupport.array(" + bound() + ")) {");
            loopBody(depth, null, new Var(x, false, true));
        } else {
            line("for (Integer " + x + " : FuzzSupport.list(await(k.v(" + bound() + ")))) {");
            loopBody(depth, null, new Var(x, false, true));
        }
        line("}");
    }

    private void loopBody(int depth, String label, Var loopVar) {
        jumps.addLast(new Jump(true, label));
        openScope();
        if (loopVar != null) {
            scopes.peekLast().add(loopVar);
        }
        indent++;
        int n = 1 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
            statement(depth + 1);
        }
        indent--;
        closeScope();
        jumps.removeLast();
    }

    private void switchStatement(int depth) {
        boolean arrow = random.nextBoolean();
        line("switch (" + intExpr(2) + " & 3) {");
        jumps.addLast(new Jump(false, null));
        int cases = 1 + random.nextInt(3);
        for (int c = 0; c < cases; c++) {
            caseBody(depth, arrow, "case " + c);
        }
        if (random.nextBoolean()) {
            caseBody(depth, arrow, "default");
        }
        jumps.removeLast();
        line("}");
    }

    private void caseBody(int depth, boolean arrow, String label) {
        if (arrow) {
            line(label + " -> {");
            body(depth);
            line("}");
        } else {
            line(label + ": {");
            body(depth);
            line("}");
            if (random.nextInt(3) > 0) {
                indent++;
                line("break;");
                indent--;
            }
        }
    }

    private void switchExpression() {
        Var v = writable();
        String target = v == null ? null : v.name;
        String select = intExpr(1) + " & 3";
        noJumps++;
        StringBuilder sb = new StringBuilder();
        if (random.nextBoolean()) {
            sb.append("switch (").append(select).append(") { ");
            sb.append("case 0 -> ").append(intExpr(2)).append("; ");
            sb.append("case 1 -> { t.add(\"sw").append(id()).append("\"); yield ").append(intExpr(2)).append("; } ");
            sb.append("default -> ").append(intExpr(1)).append("; }");
        } else {
            sb.append("switch (").append(select).append(") { ");
            sb.append("case 0: t.add(\"c0\"); ");
            sb.append("case 1: yield ").append(intExpr(2)).append("; ");
            sb.append("default: yield ").append(intExpr(1)).append("; }");
        }
        noJumps--;
        if (target == null) {
            String name = newName();
            line("int " + name + " = " + sb + ";");
            scopes.peekLast().add(new Var(name, false, false));
        } else {
            line(target + (v.isLong ? " += " : " = ") + sb + ";");
        }
    }

    private void tryStatement(int depth) {
        line("try {");
        body(depth);
        boolean hasCatch = random.nextInt(4) > 0;
        boolean hasFinally = !hasCatch || random.nextBoolean();
        if (hasCatch) {
            String e = "ex" + id();
            String type = random.nextBoolean() ? "FuzzSupport.E" : "Exception";
            line("} catch (" + type + " " + e + ") {");
            indent++;
            line("t.add(\"caught \" + FuzzSupport.describe(" + e + "));");
            indent--;
            body(depth);
        }
        if (hasFinally) {
            line("} finally {");
            indent++;
            line("t.add(\"finally\");");
            indent--;
            // Jumps out of finally are legal Java and discard the pending exception or return: test them
            // only now and then.
            if (random.nextInt(4) > 0) {
                noJumps++;
                body(depth);
                noJumps--;
            } else {
                body(depth);
            }
        }
        line("}");
    }

    private void tryWithResources(int depth) {
        String r = "res" + id();
        line("try (FuzzSupport.Res " + r + " = FuzzSupport.res(t, \"r" + id() + "\")) {");
        openScope();
        scopes.peekLast().add(new Var(r + ".value()", false, true));
        indent++;
        int n = 1 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
            statement(depth + 1);
        }
        indent--;
        closeScope();
        line("}");
    }

    private void lambda() {
        String c = newName();
        line("final int " + c + " = " + intExpr(2) + ";");
        scopes.peekLast().add(new Var(c, false, true));
        line("fns.add(() -> " + c + " * 2 + " + random.nextInt(10) + ");");
    }

    private void localClass() {
        String name = "Local" + id();
        line("class " + name + " {");
        line("    int f(int x) { return x * 7 + " + random.nextInt(10) + "; }");
        line("}");
        line("t.add(\"local=\" + new " + name + "().f(" + intExpr(2) + "));");
    }

    private void block(int depth) {
        line("{");
        body(depth);
        line("}");
    }

    private void body(int depth) {
        openScope();
        indent++;
        int n = 1 + random.nextInt(3);
        for (int s = 0; s < n; s++) {
            statement(depth + 1);
        }
        indent--;
        closeScope();
    }

    // ------------------------------------------------------------------ expressions

    private String intExpr(int depth) {
        if (depth <= 0) {
            return leaf();
        }
        int choice = random.nextInt(16);
        return switch (choice) {
            case 0, 1 -> leaf();
            case 2, 3 -> "await(k.v(" + intExpr(depth - 1) + "))";
            case 4 -> "(" + intExpr(depth - 1) + " + " + intExpr(depth - 1) + ")";
            case 5 -> "(" + intExpr(depth - 1) + " - " + intExpr(depth - 1) + ")";
            case 6 -> "FuzzSupport.tap(t, \"x" + id() + "\", " + intExpr(depth - 1) + ")";
            case 7 -> "FuzzSupport.mix(" + intExpr(depth - 1) + ", " + intExpr(depth - 1) + ")";
            case 8 -> "(" + boolExpr(depth - 1) + " ? " + intExpr(depth - 1) + " : " + intExpr(depth - 1) + ")";
            case 9 -> "arr[" + intExpr(depth - 1) + " & 3]";
            case 10 -> assignmentExpr(depth);
            case 11 -> "(" + intExpr(depth - 1) + " * 3)";
            case 12 -> random.nextInt(10) == 0 ? "await(k.fail(" + random.nextInt(10) + "))"
                    : "await(k.v(" + intExpr(depth - 1) + "))";
            case 13 -> random.nextInt(10) == 0
                    ? "await(k.failChecked(" + random.nextInt(10) + "), FuzzSupport.Checked.class)"
                    : "await(k.v(" + leaf() + "), FuzzSupport.Checked.class)";
            case 14 -> "(arr[" + intExpr(depth - 1) + " & 3] += " + intExpr(depth - 1) + ")";
            default -> "(" + intExpr(depth - 1) + " + await(k.v(" + intExpr(depth - 1) + ")) + "
                    + intExpr(depth - 1) + ")";
        };
    }

    private String assignmentExpr(int depth) {
        Var v = writable();
        if (v == null || v.isLong) {
            return leaf();
        }
        return switch (random.nextInt(3)) {
            case 0 -> "(" + v.name + " = " + intExpr(depth - 1) + ")";
            case 1 -> "(" + v.name + " += " + intExpr(depth - 1) + ")";
            default -> random.nextBoolean() ? "(" + v.name + "++)" : "(++" + v.name + ")";
        };
    }

    private String leaf() {
        List<Var> vars = allVars();
        if (vars.isEmpty() || random.nextInt(3) == 0) {
            return Integer.toString(random.nextInt(10));
        }
        Var v = vars.get(random.nextInt(vars.size()));
        return v.isLong ? "(int) " + v.name : v.name;
    }

    private String boolExpr(int depth) {
        int choice = random.nextInt(depth <= 0 ? 3 : 9);
        return switch (choice) {
            case 0 -> "(" + intExpr(depth) + " < " + intExpr(depth) + ")";
            case 1 -> "((" + intExpr(depth) + " & 1) == 0)";
            case 2 -> "(" + intExpr(depth) + " == " + intExpr(depth) + ")";
            case 3 -> "(" + boolExpr(depth - 1) + " && " + boolExpr(depth - 1) + ")";
            case 4 -> "(" + boolExpr(depth - 1) + " || " + boolExpr(depth - 1) + ")";
            case 5 -> "!" + boolExpr(depth - 1);
            case 6 -> "await(k.b(" + boolExpr(depth - 1) + "))";
            case 7 -> "FuzzSupport.tapb(t, \"b" + id() + "\", " + boolExpr(depth - 1) + ")";
            default -> "(" + intExpr(depth - 1) + " > await(k.v(" + intExpr(depth - 1) + ")))";
        };
    }

    // ------------------------------------------------------------------ scopes and names

    private Var writable() {
        List<Var> candidates = new ArrayList<>();
        for (Var v : allVars()) {
            if (!v.readOnly) {
                candidates.add(v);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private List<Var> allVars() {
        List<Var> all = new ArrayList<>();
        for (List<Var> scope : scopes) {
            all.addAll(scope);
        }
        return all;
    }

    private String newName() {
        if (!reusable.isEmpty() && random.nextInt(3) == 0) {
            String name = reusable.remove(random.nextInt(reusable.size()));
            if (!inScope(name)) {
                return name;
            }
        }
        return "v" + id();
    }

    private boolean inScope(String name) {
        for (Var v : allVars()) {
            if (v.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void openScope() {
        scopes.addLast(new ArrayList<>());
    }

    private void closeScope() {
        for (Var v : scopes.removeLast()) {
            if (v.name.matches("v\\d+")) {
                reusable.add(v.name);
            }
        }
    }

    private String bound() {
        return Integer.toString(random.nextInt(4));
    }

    private int id() {
        return ids++;
    }

    private void line(String s) {
        out.append("    ".repeat(indent)).append(s).append('\n');
    }
}
