package io.github.coro4j.processor;

import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
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
import io.github.coro4j.processor.Listing.Label;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

/**
 * Builds the states: walks the statements of the body and appends to the {@link Listing}. A statement
 * without awaits is printed unchanged (its jumps to lowered targets translated); a statement with awaits is
 * lowered into labels and jumps: loops to a head label and a conditional jump, switch statements and
 * expressions by {@link SwitchLowering}, try statements by {@link TryLowering}; a local class used after an
 * await is lifted by {@link LocalClassLifting}.
 * break, continue, return and yield look their target up in the {@link Leaps} stack.
 */
final class StateBuilder implements Renderer.Jumps {
    final Ctx c;
    final Listing out;
    final Renderer r;
    final Spiller s;
    final Leaps leaps;
    private final TryLowering tries;
    private final SwitchLowering switches;
    private final LocalClassLifting lifting;

    StateBuilder(Ctx c, String loopLabel) {
        this.c = c;
        this.out = new Listing(loopLabel);
        this.r = new Renderer(c);
        this.s = new Spiller(c, out, r);
        this.leaps = new Leaps(c, out);
        this.tries = new TryLowering(this);
        this.switches = new SwitchLowering(this);
        this.lifting = new LocalClassLifting(this);
        r.jumps = this;
        r.listing = out;
        s.switches = switches;
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
        } else if (t instanceof ClassTree && lifting.livesAcrossAwait(p)) {
            lifting.lift(p, (ClassTree) t);
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
                switches.lower(body, t, null);
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
            switches.lower(p, null, null);
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
        } else if (t instanceof SynchronizedTree && !c.awaits.in(((SynchronizedTree) t).getBlock())) {
            // awaits only in the lock expression (the Validator rejects them in the block): they run before
            // the monitor is entered, so the expression is spilled and the block kept as written
            SynchronizedTree st = (SynchronizedTree) t;
            String lock = s.spill(new TreePath(p, st.getExpression()));
            String text = "synchronized (" + lock + ") "
                    + reindent(st.getBlock(), r.render(new TreePath(p, st.getBlock())));
            if (Completion.surely(t)) {
                out.line(text);
            } else {
                out.line("if (true) {\n    " + text.replace("\n", "\n    ") + "\n}");
            }
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
    String reindent(Tree t, String text) {
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
            String local = TypeNames.localClass(c, e.asType());
            if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
                out.line(name + " = new " + (local != null ? local : c.ref(TypeNames.denotable(c, e.asType(), v)))
                        + " " + s.spill(initPath) + ";");
            } else if (directAwait(initPath, e.asType())) {
                s.awaitThen(initPath, name + " = resume();");
            } else if (local != null && needsTarget(init)) {
                // the field is an Object: a lambda or method reference gets its local functional type by a cast
                out.line(name + " = (" + local + ") (" + s.spill(initPath) + ");");
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
        if (!Awaits.isAwait(c.trees, init) || target == null || TypeNames.mentionsLocal(target)
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

    /** Whether an expression takes its type from its target: a lambda or a method reference. */
    static boolean needsTarget(ExpressionTree e) {
        e = Spiller.strip(e);
        return e instanceof com.sun.source.tree.LambdaExpressionTree
                || e instanceof com.sun.source.tree.MemberReferenceTree;
    }

    /**
     * The declared type of a local as source: its text, or for {@code var} the inferred type (written as
     * source when it mentions a local class: a local of step() can name the lifted classes, a field cannot).
     */
    String declaredType(TreePath p, VariableTree v, Element e) {
        Tree type = v.getType();
        if (type == null || c.trees.getSourcePositions().getEndPosition(c.m.unit, type) < 0
                || r.render(new TreePath(p, type)).equals("var")) {
            String local = TypeNames.localClass(c, e.asType());
            return local != null ? local : c.ref(TypeNames.denotable(c, e.asType(), v));
        }
        return r.render(new TreePath(p, type));
    }

    void expressionStatement(TreePath p) {
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
