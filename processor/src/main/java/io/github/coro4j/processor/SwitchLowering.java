package io.github.coro4j.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.github.coro4j.processor.Listing.Label;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Lowers a switch statement or expression that awaits: a dispatching switch that jumps to one label per
 * case, then the case bodies as states. Classic switches dispatch on their constants; switches with
 * patterns, {@code case null} or guards (Java 21, {@link CaseLabels}) keep their labels in the dispatch and
 * copy the bindings into fields. Separate from {@link StateBuilder}, like {@link TryLowering}, because the
 * two dispatch forms and the guard restarts are a subject of their own; the case bodies go back to the
 * state builder.
 */
final class SwitchLowering implements Spiller.SwitchExpressions {
    private final StateBuilder b;
    private final Ctx c;
    private final Listing out;
    private final Renderer r;
    private final Spiller s;
    private final Leaps leaps;

    SwitchLowering(StateBuilder b) {
        this.b = b;
        this.c = b.c;
        this.out = b.out;
        this.r = b.r;
        this.s = b.s;
        this.leaps = b.leaps;
    }

    /** A switch statement (result null) or a switch expression (result: the temporary for its value). */
    void lower(TreePath p, Tree labeled, String result) {
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
                        b.expressionStatement(bp);
                    }
                } else {
                    b.statement(new TreePath(cp, body));
                }
                out.jump(end);
            } else {
                for (StatementTree st : ct.getStatements()) {
                    b.statement(new TreePath(cp, st));
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
        lower(p, null, result);
        String cast = TypeNames.intersectionCast(c, c.trees.getTypeMirror(p)); // a field of its first bound
        return cast == null ? result : "((" + cast + ") " + result + ")";
    }}
