package io.github.coro4j.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import io.github.coro4j.processor.Listing.Label;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Builds the states: walks the statements of the body and appends to the {@link Listing}. A statement
 * without awaits is printed unchanged (its jumps to lowered targets translated); a statement with awaits is
 * lowered into labels and jumps: loops to a head label and a conditional jump, switch statements and
 * expressions to a dispatching switch plus one label per case, try statements by {@link TryLowering}.
 * break, continue, return and yield look their target up in the {@link Leaps} stack.
 */
final class StateBuilder implements Renderer.Jumps, Spiller.SwitchLowering {
    final Ctx c;
    final Listing out;
    final Renderer r;
    final Spiller s;
    final Leaps leaps;
    private final TryLowering tries;

    StateBuilder(Ctx c, String loopLabel) {
        this.c = c;
        this.out = new Listing(loopLabel);
        this.r = new Renderer(c);
        this.s = new Spiller(c, out, r);
        this.leaps = new Leaps(c, out);
        this.tries = new TryLowering(this);
        r.jumps = this;
        r.listing = out;
        s.switches = this;
    }

    Listing build() {
        statement(c.m.bodyPath());
        if (out.reachable()) {
            out.line(c.m.element.getReturnType().getKind() == TypeKind.VOID ? "return null;"
                    : "throw new IllegalStateException(\"the body completed without a return\");");
            out.terminate();
        }
        return out;
    }

    void statement(TreePath p) {
        Tree t = p.getLeaf();
        r.newStatement();
        if (!(t instanceof BlockTree)) {
            comment(t);
        }
        if (t instanceof VariableTree) {
            variable(p, (VariableTree) t);
        } else if (t instanceof ClassTree && livesAcrossAwait(p)) {
            lift(p, (ClassTree) t);
        } else if (!c.awaits.in(t) && !(t instanceof BlockTree)) {
            unchanged(p, t);
        } else if (t instanceof BlockTree) {
            for (StatementTree st : ((BlockTree) t).getStatements()) {
                statement(new TreePath(p, st));
            }
        } else if (t instanceof ExpressionStatementTree) {
            expressionStatement(new TreePath(p, ((ExpressionStatementTree) t).getExpression()));
        } else if (t instanceof IfTree) {
            ifStatement(p, (IfTree) t);
        } else if (t instanceof LabeledStatementTree) {
            TreePath body = new TreePath(p, ((LabeledStatementTree) t).getStatement());
            if (Renderer.isLoop(body.getLeaf())) {
                loop(body, t);
            } else if (body.getLeaf() instanceof SwitchTree) {
                switchStatement(body, t, null);
            } else {
                Label brk = out.label();
                leaps.push(new Leaps.Target(t, t, brk, null, null));
                statement(body);
                leaps.pop();
                out.mark(brk);
            }
        } else if (Renderer.isLoop(t)) {
            loop(p, null);
        } else if (t instanceof SwitchTree) {
            switchStatement(p, null, null);
        } else if (t instanceof ReturnTree) {
            TreePath ep = new TreePath(p, ((ReturnTree) t).getExpression());
            out.line(leaps.returns(s.spill(ep), c.trees.getTypeMirror(ep)));
            out.terminate();
        } else if (t instanceof ThrowTree) {
            out.line("throw " + s.spill(new TreePath(p, ((ThrowTree) t).getExpression())) + ";");
            out.terminate();
        } else if (t instanceof YieldTree) {
            out.line(this.yield(enclosingSwitchExpression(p), s.spill(new TreePath(p, ((YieldTree) t).getValue()))));
            out.terminate();
        } else if (t instanceof TryTree) {
            tries.lower(p, (TryTree) t);
        } else if (t instanceof AssertTree) {
            assertStatement(p, (AssertTree) t);
        } else if (t instanceof SynchronizedTree) {
            throw new Unsupported(t, "await inside synchronized");
        } else {
            throw new Unsupported(t, "await inside a " + t.getKind().toString().toLowerCase().replace('_', ' '));
        }
    }

    /**
     * {@code assert cond : detail;} with awaits: nothing is evaluated when assertions are disabled for the
     * original class; else the condition, then the detail only if the condition is false. The detail keeps its
     * static type, so {@code new AssertionError(detail)} picks the constructor javac's assert would.
     */
    private void assertStatement(TreePath p, AssertTree t) {
        Label end = out.label();
        out.jumpIf(c.assertionsDisabled(), end);
        out.jumpIf(s.spill(new TreePath(p, t.getCondition())), end);
        String detail = t.getDetail() == null ? "" : s.spill(new TreePath(p, t.getDetail()));
        out.line("throw new " + c.ref(com.palantir.javapoet.ClassName.get(AssertionError.class)) + "(" + detail + ");");
        out.terminate();
        out.mark(end);
    }

    private boolean livesAcrossAwait(TreePath p) {
        Tree parent = p.getParentPath().getLeaf();
        List<? extends StatementTree> stmts = parent instanceof BlockTree ? ((BlockTree) parent).getStatements()
                : parent instanceof CaseTree ? ((CaseTree) parent).getStatements() : List.of();
        int i = stmts.indexOf(p.getLeaf());
        return i >= 0 && c.awaits.inAny(stmts.subList(i + 1, stmts.size()));
    }

    /**
     * A local class used across an await: a local class of the case it is declared in would be out of scope
     * in later states, so it is declared at the top of step() instead, where all states see it. The locals of
     * the method that it captures are not in scope there; they are hoisted (their scope spans the await), so
     * the class gets a final field per captured local, initialised from the state machine's field when an
     * instance is created. That is the value the declaration captured: a captured local is effectively final,
     * and an instance is created only in the body after the declaration, within the local's scope (a loop's
     * next iteration declares the class anew, and the instances of the previous one keep their own copies).
     * Creating one in a lambda or class body, which could run after the scope is left, is an error.
     */
    private void lift(TreePath p, ClassTree t) {
        Element cls = c.trees.getElement(p);
        java.util.Map<Element, String> captured = new java.util.LinkedHashMap<>();
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = c.trees.getElement(getCurrentPath());
                if (e != null && c.hoisting.names.containsKey(e) && !inside(e) && !captured.containsKey(e)) {
                    if (!c.hoisting.hoisted.contains(e)) {
                        throw new Unsupported(node, "the local class " + t.getSimpleName() + " captures the local '"
                                + node.getName() + "' and is used after an await; declare it after the last await, "
                                + "or pass the value to its constructor");
                    }
                    captured.put(e, c.fresh(c.hoisting.names.get(e) + "_captured"));
                }
                return null;
            }

            private boolean inside(Element e) {
                for (Element x = e; x != null; x = x.getEnclosingElement()) {
                    if (x.equals(cls)) {
                        return true;
                    }
                }
                return false;
            }
        }.scan(p, null);
        for (String other : c.liftedClasses) {
            if (other.startsWith("// " + t.getSimpleName() + "\n")) {
                throw new Unsupported(t, "two local classes named " + t.getSimpleName() + " used across awaits");
            }
        }
        String text;
        if (captured.isEmpty()) {
            text = reindent(t, r.render(p));
        } else {
            superclassMayReadCaptures(t, (javax.lang.model.element.TypeElement) cls);
            r.capturingLifted.add(cls);
            r.liftedCaptures.putAll(captured);
            try {
                text = reindent(t, r.render(p));
            } finally {
                r.liftedCaptures.clear();
            }
            StringBuilder fields = new StringBuilder();
            for (java.util.Map.Entry<Element, String> e : captured.entrySet()) {
                javax.lang.model.type.TypeMirror type = e.getKey().asType();
                String local = TypeNames.localClass(type);
                String field = c.hoisting.names.get(e.getKey());
                fields.append("\n    // the captured local '").append(e.getKey().getSimpleName())
                        .append("': copied when an instance is created, the value of the declaration in scope\n")
                        .append("    private final ").append(local != null ? local : c.ref(TypeNames.denotable(c, type, t)))
                        .append(' ').append(e.getValue()).append(" = ")
                        .append(local != null ? "((" + local + ") " + field + ")" : field).append(';');
            }
            int name = wordAt(text, t.getSimpleName().toString(), text.indexOf("class"));
            int brace = text.indexOf('{', name);
            text = text.substring(0, brace + 1) + fields + text.substring(brace + 1);
        }
        c.liftedClasses.add("// " + t.getSimpleName() + "\n" + text);
        out.line("// (declared at the top of step(): it is used after an await)");
    }

    /**
     * javac stores captured values before the superclass constructor runs, the lifted class's fields after it:
     * a superclass constructor that calls a method the local class overrides would see them unset. That is an
     * error rather than a different result.
     */
    private void superclassMayReadCaptures(ClassTree t, javax.lang.model.element.TypeElement cls) {
        javax.lang.model.type.TypeMirror sup = cls.getSuperclass();
        if (sup.getKind() != TypeKind.DECLARED || ((javax.lang.model.element.TypeElement) c.types.asElement(sup))
                .getQualifiedName().contentEquals("java.lang.Object")) {
            return;
        }
        javax.lang.model.element.TypeElement superclass = (javax.lang.model.element.TypeElement) c.types.asElement(sup);
        for (javax.lang.model.element.ExecutableElement m
                : javax.lang.model.util.ElementFilter.methodsIn(cls.getEnclosedElements())) {
            for (javax.lang.model.element.ExecutableElement o
                    : javax.lang.model.util.ElementFilter.methodsIn(c.elements.getAllMembers(superclass))) {
                if (c.elements.overrides(m, o, cls)) {
                    throw new Unsupported(t, "the local class " + t.getSimpleName() + " captures locals, is used "
                            + "after an await and overrides " + o.getSimpleName() + " of its superclass, whose "
                            + "constructor could call it before the captured values are set in the generated code;"
                            + " pass the values to its constructor instead");
                }
            }
        }
    }

    private static int wordAt(String s, String word, int from) {
        for (int i = s.indexOf(word, Math.max(from, 0)); i >= 0; i = s.indexOf(word, i + 1)) {
            boolean before = i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1));
            boolean after = i + word.length() >= s.length() || !Character.isJavaIdentifierPart(s.charAt(i + word.length()));
            if (before && after) {
                return i;
            }
        }
        throw new IllegalStateException("no " + word + " in " + s);
    }

    /** The original source line, as a comment: the generated code reads against the method. */
    private void comment(Tree t) {
        long start = c.trees.getSourcePositions().getStartPosition(c.m.unit, t);
        if (start < 0) {
            return;
        }
        long line = c.m.unit.getLineMap().getLineNumber(start);
        int nl = c.m.source.indexOf('\n', (int) start);
        String text = c.m.source.substring((int) start, nl < 0 ? c.m.source.length() : nl).trim();
        if (text.length() > 70) {
            text = text.substring(0, 67) + "...";
        }
        out.line("// " + line + ": " + text.replace("\\", "\\\\").replace("*/", "* /"));
    }

    private void unchanged(TreePath p, Tree t) {
        if (t instanceof ReturnTree) {
            ExpressionTree e = ((ReturnTree) t).getExpression();
            TreePath ep = e == null ? null : new TreePath(p, e);
            out.line(leaps.returns(e == null ? null : r.render(ep), e == null ? null : c.trees.getTypeMirror(ep)));
            out.terminate();
            return;
        }
        String text = reindent(t, r.render(p));
        if (t instanceof ReturnTree || t instanceof BreakTree || t instanceof ContinueTree || t instanceof ThrowTree
                || t instanceof YieldTree) {
            out.line(text);
            out.terminate();
        } else if (!Completion.surely(t)) {
            // javac must still see the code that follows as reachable: whether it is, the original decides
            out.line("if (true) {\n    " + text.replace("\n", "\n    ") + "\n}");
        } else {
            out.line(text);
        }
    }

    /** Removes the original indentation of a multi-line statement: the listing indents it anew. */
    private String reindent(Tree t, String text) {
        long start = c.trees.getSourcePositions().getStartPosition(c.m.unit, t);
        long col = c.m.unit.getLineMap().getColumnNumber(start) - 1;
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            int k = 0;
            while (i > 0 && k < col && k < l.length() && l.charAt(k) == ' ') {
                k++;
            }
            b.append(i > 0 ? "\n" : "").append(l.substring(k));
        }
        return b.toString();
    }

    private void variable(TreePath p, VariableTree v) {
        Element e = c.trees.getElement(p);
        String name = c.hoisting.names.get(e);
        ExpressionTree init = v.getInitializer();
        TreePath initPath = init == null ? null : new TreePath(p, init);
        if (c.hoisting.hoisted.contains(e)) {
            if (init == null) {
                return;
            }
            if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
                out.line(name + " = new " + c.ref(TypeNames.denotable(c, e.asType(), v)) + " " + s.spill(initPath) + ";");
            } else if (directAwait(initPath, e.asType())) {
                s.awaitThen(initPath, name + " = resume();");
            } else {
                out.line(name + " = " + s.spill(initPath) + ";");
            }
            return;
        }
        String type = declaredType(p, v, e);
        String mods = v.getModifiers().getFlags().contains(Modifier.FINAL) ? "final " : "";
        if (init == null) {
            out.line(mods + type + " " + name + ";");
        } else if (directAwait(initPath, e.asType())) {
            s.awaitThen(initPath, mods + type + " " + name + " = resume();");
        } else {
            out.line(mods + type + " " + name + " = " + s.spill(initPath) + ";");
        }
    }

    /**
     * Whether {@code v = await(t)} can be written {@code v = resume();}: only if the await has exactly the
     * variable's type. resume() infers its type from the target, so {@code long v = resume()} would cast an
     * Integer result to Long; a conversion needs a temporary of the await's own type.
     */
    private boolean directAwait(TreePath init, javax.lang.model.type.TypeMirror target) {
        if (!Awaits.isAwait(c.trees, init) || target == null || TypeNames.localClass(target) != null
                || target.getKind() == javax.lang.model.type.TypeKind.ERROR) {
            return false;
        }
        javax.lang.model.type.TypeMirror type = Awaits.type(c, init);
        if (target.getKind().isPrimitive()) {
            // resume() is then inferred as the box of the target: right only if the task has that very type
            return c.types.isSameType(type, c.types.boxedClass((javax.lang.model.type.PrimitiveType) target).asType());
        }
        return c.types.isAssignable(type, target);
    }

    /** The declared type of a local as source: its text, or for {@code var} the inferred type. */
    String declaredType(TreePath p, VariableTree v, Element e) {
        Tree type = v.getType();
        if (type == null || c.trees.getSourcePositions().getEndPosition(c.m.unit, type) < 0) {
            return c.ref(TypeNames.denotable(c, e.asType(), v));
        }
        String text = r.render(new TreePath(p, type));
        return text.equals("var") ? c.ref(TypeNames.denotable(c, e.asType(), v)) : text;
    }

    private void expressionStatement(TreePath p) {
        Tree e = p.getLeaf();
        if (Awaits.isAwait(c.trees, p)) {
            s.awaitThen(p, "resume();");
        } else if (e instanceof AssignmentTree && ((AssignmentTree) e).getVariable() instanceof IdentifierTree
                && !r.viaHandle(new TreePath(p, ((AssignmentTree) e).getVariable()))
                && directAwait(new TreePath(p, ((AssignmentTree) e).getExpression()),
                        c.trees.getTypeMirror(new TreePath(p, ((AssignmentTree) e).getVariable())))) {
            String v = r.render(new TreePath(p, ((AssignmentTree) e).getVariable()));
            s.awaitThen(new TreePath(p, ((AssignmentTree) e).getExpression()), v + " = resume();");
        } else {
            out.line(s.spill(p) + ";");
        }
    }

    private void ifStatement(TreePath p, IfTree t) {
        String cond = s.spill(new TreePath(p, t.getCondition()));
        if (!c.awaits.in(t.getThenStatement()) && !c.awaits.in(t.getElseStatement())) {
            r.overrides.put(t.getCondition(), cond);
            unchanged(p, t);
            return;
        }
        Label otherwise = out.label();
        Label end = out.label();
        out.jumpIf("!" + cond, t.getElseStatement() == null ? end : otherwise);
        statement(new TreePath(p, t.getThenStatement()));
        if (t.getElseStatement() != null) {
            out.jump(end);
            out.mark(otherwise);
            statement(new TreePath(p, t.getElseStatement()));
        }
        out.mark(end);
    }

    private void loop(TreePath p, Tree labeled) {
        Tree t = p.getLeaf();
        Label top = out.label();
        Label cont = out.label();
        Label brk = out.label();
        Leaps.Target target = new Leaps.Target(t, labeled, brk, cont, null);
        if (t instanceof WhileLoopTree) {
            WhileLoopTree w = (WhileLoopTree) t;
            out.mark(cont);
            condition(new TreePath(p, w.getCondition()), brk);
            body(target, new TreePath(p, w.getStatement()));
            out.jump(cont);
        } else if (t instanceof DoWhileLoopTree) {
            DoWhileLoopTree d = (DoWhileLoopTree) t;
            out.mark(top);
            body(target, new TreePath(p, d.getStatement()));
            out.mark(cont);
            out.jumpIf(s.spill(new TreePath(p, d.getCondition())), top);
        } else if (t instanceof ForLoopTree) {
            ForLoopTree f = (ForLoopTree) t;
            for (StatementTree init : f.getInitializer()) {
                statement(new TreePath(p, init));
            }
            out.mark(top);
            if (f.getCondition() != null) {
                condition(new TreePath(p, f.getCondition()), brk);
            }
            body(target, new TreePath(p, f.getStatement()));
            out.mark(cont);
            for (ExpressionStatementTree u : f.getUpdate()) {
                expressionStatement(new TreePath(new TreePath(p, u), u.getExpression()));
            }
            out.jump(top);
        } else {
            new ForEachLowering(this).lower(p, (EnhancedForLoopTree) t, target, top);
        }
        out.mark(brk);
    }

    private void condition(TreePath cond, Label exit) {
        if (Completion.isTrue((ExpressionTree) cond.getLeaf())) {
            return;
        }
        out.jumpIf("!(" + s.spill(cond) + ")", exit);
    }

    void body(Leaps.Target target, TreePath body) {
        leaps.push(target);
        statement(body);
        leaps.pop();
    }

    /** A switch statement (result null) or a switch expression (result: the temporary for its value). */
    void switchStatement(TreePath p, Tree labeled, String result) {
        Tree t = p.getLeaf();
        ExpressionTree selector;
        List<? extends CaseTree> cases;
        if (t instanceof SwitchTree) {
            selector = ((SwitchTree) t).getExpression();
            cases = ((SwitchTree) t).getCases();
        } else {
            selector = ((SwitchExpressionTree) t).getExpression();
            cases = ((SwitchExpressionTree) t).getCases();
        }
        if (CaseLabels.needsPatternLowering(cases)) {
            patternSwitch(p, labeled, result, selector, cases);
            return;
        }
        String sel = s.spill(new TreePath(p, selector));
        Label end = out.label();
        Label[] labels = new Label[cases.size()];
        StringBuilder dispatch = new StringBuilder("switch (" + sel + ") {");
        boolean hasDefault = false;
        for (int i = 0; i < cases.size(); i++) {
            CaseTree ct = cases.get(i);
            TreePath cp = new TreePath(p, ct);
            labels[i] = out.label();
            if (ct.getExpressions().isEmpty()) {
                if (!isDefault(ct)) {
                    throw new Unsupported(ct, "a pattern or null case label in a switch that awaits");
                }
                hasDefault = true;
                dispatch.append("\n  default: ");
            } else {
                dispatch.append("\n  case ");
                for (int j = 0; j < ct.getExpressions().size(); j++) {
                    dispatch.append(j > 0 ? ", " : "").append(r.render(new TreePath(cp, ct.getExpressions().get(j))));
                }
                dispatch.append(": ");
            }
            dispatch.append(out.jumpCode(labels[i]));
        }
        out.line(dispatch.append("\n}").toString());
        if (hasDefault) {
            out.terminate();
        } else if (result != null) {
            // A switch expression without default covers every constant of an enum. A constant added after
            // it was compiled matches nothing: javac's code throws MatchException (IncompatibleClassChangeError
            // before Java 21, that is, when the release has no MatchException), and so does this one.
            out.line(c.elements.getTypeElement("java.lang.MatchException") != null
                    ? "throw new " + c.ref(com.palantir.javapoet.ClassName.get("java.lang", "MatchException"))
                            + "(null, null);"
                    : "throw new " + c.ref(com.palantir.javapoet.ClassName.get(IncompatibleClassChangeError.class))
                            + "();");
            out.terminate();
        } else {
            out.jump(end);
        }
        caseBodies(p, labeled, result, cases, labels, end);
    }

    private void caseBodies(TreePath p, Tree labeled, String result, List<? extends CaseTree> cases, Label[] labels,
            Label end) {
        Tree t = p.getLeaf();
        leaps.push(new Leaps.Target(t, labeled, end, null, result));
        for (int i = 0; i < cases.size(); i++) {
            CaseTree ct = cases.get(i);
            TreePath cp = new TreePath(p, ct);
            out.mark(labels[i]);
            if (ct.getCaseKind() == CaseTree.CaseKind.RULE) {
                Tree body = ct.getBody();
                if (body instanceof ExpressionTree) {
                    TreePath bp = new TreePath(cp, body);
                    if (result != null) {
                        out.line(result + " = " + s.spill(bp) + ";");
                    } else {
                        expressionStatement(bp);
                    }
                } else {
                    statement(new TreePath(cp, body));
                }
                out.jump(end);
            } else {
                for (StatementTree st : ct.getStatements()) {
                    statement(new TreePath(cp, st));
                }
            }
        }
        leaps.pop();
        out.mark(end);
    }

    /**
     * A switch that awaits and has pattern labels, {@code case null} or guards (Java 21). The dispatch is a
     * switch of the generated code with the original labels in their order (the same source level compiles
     * it, so javac keeps the semantics: the order of trial, a NullPointerException for a null selector without
     * {@code case null}, MatchException when an exhaustive switch meets an unknown subclass). Each arm copies
     * its bindings into their fields (the binding shadows the field of the same name) and jumps to the case.
     * A guard without awaits stays in the label. A guard that awaits is evaluated in a state of its own after
     * the pattern matched; if it is false, the dispatch runs again on the stored selector with every guarded
     * case up to this one switched off by {@code restart <= i} (the unguarded labels before it did not match
     * the first time and cannot match now), which is what javac's typeSwitch restart index does.
     */
    private void patternSwitch(TreePath p, Tree labeled, String result, ExpressionTree selector,
            List<? extends CaseTree> cases) {
        if (!CaseLabels.STANDARD) {
            throw new Unsupported(p.getLeaf(), "a pattern or null case label in a switch that awaits, with the"
                    + " preview patterns of JDK " + Runtime.version().feature() + ": compile with JDK 21 or later");
        }
        boolean restarts = false;
        for (CaseTree ct : cases) {
            restarts |= c.awaits.in(CaseLabels.guard(ct));
        }
        TreePath sp = new TreePath(p, selector);
        String sel = s.spill(sp);
        String restart = null;
        Label dispatch = null;
        if (restarts) {
            String stored = c.field(TypeNames.denotable(c, c.trees.getTypeMirror(sp), selector), "selector");
            out.line(stored + " = " + sel + ";");
            sel = stored;
            restart = c.field(com.palantir.javapoet.TypeName.INT, "restart");
            out.line(restart + " = 0;");
            dispatch = out.label();
            out.mark(dispatch);
        }
        Label end = out.label();
        Label[] labels = new Label[cases.size()];
        Label[] guards = new Label[cases.size()];
        StringBuilder d = new StringBuilder("switch (" + sel + ") {");
        for (int i = 0; i < cases.size(); i++) {
            CaseTree ct = cases.get(i);
            TreePath cp = new TreePath(p, ct);
            labels[i] = out.label();
            List<? extends Tree> ls = CaseLabels.labels(ct);
            List<String> copies = new java.util.ArrayList<>();
            for (Tree l : ls) {
                copies.addAll(bindings(new TreePath(cp, l)));
            }
            if (ls.size() == 1 && CaseLabels.isDefault(ls.get(0))) {
                d.append("\n  default");
            } else {
                d.append("\n  case ");
                for (int j = 0; j < ls.size(); j++) {
                    Tree l = ls.get(j);
                    d.append(j > 0 ? ", " : "").append(CaseLabels.isDefault(l) ? "default" : r.render(new TreePath(cp, l)));
                }
            }
            ExpressionTree g = CaseLabels.guard(ct);
            if (g != null) {
                String off = restart == null ? null : restart + " <= " + i;
                String when;
                if (c.awaits.in(g)) {
                    guards[i] = out.label();
                    when = off;
                } else {
                    // A guard may not assign a field: its bindings stay plain bindings here (in scope in the
                    // arm when the guard is true), and the arm copies them like those of the labels.
                    // The label's bindings too: a lambda in the guard must capture the binding, not the field.
                    TreePath gp = new TreePath(cp, g);
                    List<Element> own = bindingElements(gp);
                    for (Tree l : ls) {
                        own.addAll(bindingElements(new TreePath(cp, l)));
                    }
                    c.hoisting.hoisted.removeAll(own);
                    String text;
                    try {
                        text = r.render(gp);
                    } finally {
                        c.hoisting.hoisted.addAll(own);
                    }
                    for (Element e : bindingElements(gp)) {
                        copies.add(c.hoisting.names.get(e));
                    }
                    when = off == null ? text : off + " && (" + text + ")";
                }
                if (when != null) {
                    d.append(" when ").append(when);
                }
            }
            d.append(" -> {");
            for (String b : copies) {
                d.append(" this.").append(b).append(" = ").append(b).append(";");
            }
            d.append(" ").append(out.jumpCode(guards[i] != null ? guards[i] : labels[i])).append(" }");
        }
        out.line(d.append("\n}").toString());
        // the switch is exhaustive (javac requires it of a switch with patterns or case null)
        out.terminate();
        for (int i = 0; i < cases.size(); i++) {
            if (guards[i] == null) {
                continue;
            }
            out.mark(guards[i]);
            String value = s.spill(new TreePath(new TreePath(p, cases.get(i)), CaseLabels.guard(cases.get(i))));
            out.line("if (!(" + value + ")) { " + restart + " = " + (i + 1) + "; " + out.jumpCode(dispatch) + " }");
            out.jump(labels[i]);
        }
        caseBodies(p, labeled, result, cases, labels, end);
    }

    /** The fields of the bindings declared in a label or guard (all hoisted: see {@link Hoister}). */
    private List<String> bindings(TreePath p) {
        List<String> names = new java.util.ArrayList<>();
        for (Element e : bindingElements(p)) {
            names.add(c.hoisting.names.get(e));
        }
        return names;
    }

    private List<Element> bindingElements(TreePath p) {
        List<Element> found = new java.util.ArrayList<>();
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                Element e = c.trees.getElement(getCurrentPath());
                if (e != null && c.hoisting.hoisted.contains(e) && !node.getName().contentEquals("_")
                        && !node.getName().isEmpty()) {
                    found.add(e);
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return null;
            }
        }.scan(p, null);
        return found;
    }

    private static boolean isDefault(CaseTree ct) {
        return ct.getExpressions().isEmpty();
    }

    @Override
    public String switchExpression(TreePath p) {
        String result = c.field(TypeNames.denotable(c, c.trees.getTypeMirror(p), p.getLeaf()), "switched");
        switchStatement(p, null, result);
        return result;
    }

    private Tree enclosingSwitchExpression(TreePath p) {
        for (TreePath q = p; q != null; q = q.getParentPath()) {
            if (q.getLeaf() instanceof SwitchExpressionTree) {
                return q.getLeaf();
            }
        }
        throw new Unsupported(p.getLeaf(), "yield outside a switch expression");
    }

    @Override
    public String jump(Tree stmt, Tree target, boolean isContinue) {
        Leaps.Target t = leaps.find(target);
        if (t == null) {
            throw new Unsupported(stmt, "a jump whose target was not found");
        }
        return leaps.jump(t, isContinue ? t.cont : t.brk);
    }

    @Override
    public String returns(String value, javax.lang.model.type.TypeMirror type) {
        return leaps.returns(value, type);
    }

    @Override
    public String yield(Tree switchExpression, String value) {
        Leaps.Target t = leaps.find(switchExpression);
        return t.result + " = " + value + "; " + leaps.jump(t, t.brk);
    }
}
