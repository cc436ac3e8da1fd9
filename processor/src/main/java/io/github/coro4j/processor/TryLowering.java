package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.github.coro4j.processor.Listing.Label;
import io.github.coro4j.processor.Listing.Region;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Lowers a try statement that awaits (Roslyn's AsyncExceptionHandlerRewriter): Java's try cannot span
 * states, so the try block becomes a {@link Region} whose exceptions the catch around the generated switch
 * routes to a handler state, with the exception kept in a field. Catch clauses become instanceof tests; a
 * finally block becomes a state entered with a pending branch number (0: go on, THROW: rethrow the pending
 * exception, n: the n-th pending jump or return, continued from outside the try afterwards). Resources are
 * a try/finally each, innermost closed first, with suppressed exceptions as in JLS 14.20.3.
 */
final class TryLowering {
    private final StateBuilder b;
    private final Ctx c;

    TryLowering(StateBuilder b) {
        this.b = b;
        this.c = b.c;
    }

    /** The body of a finally block: given the fields of its try (pending exception and branch). */
    interface FinallyBody {
        void emit(String ex, String branch);
    }

    void lower(TreePath p, TryTree t) {
        Runnable body = () -> resources(p, t, 0);
        FinallyBody fin = t.getFinallyBlock() == null ? null
                : (ex, branch) -> b.statement(new TreePath(p, t.getFinallyBlock()));
        if (t.getCatches().isEmpty() && fin == null) {
            body.run();
        } else {
            lowered(p, body, t.getCatches(), fin);
        }
    }

    private void resources(TreePath p, TryTree t, int i) {
        if (i == t.getResources().size()) {
            b.statement(new TreePath(p, t.getBlock()));
            return;
        }
        Tree res = t.getResources().get(i);
        TreePath rp = new TreePath(p, res);
        String name;
        if (res instanceof VariableTree) {
            Element e = c.trees.getElement(rp);
            name = c.hoisting.names.get(e);
            b.out.line(name + " = " + b.s.spill(new TreePath(rp, ((VariableTree) res).getInitializer())) + ";");
        } else {
            name = c.field(TypeNames.denotable(c, c.trees.getTypeMirror(rp), res), "resource");
            b.out.line(name + " = " + b.s.spill(rp) + ";");
        }
        // a resource of a local class's type lives in an Object field (a state machine's field cannot name
        // the type): close() is called through AutoCloseable, which every resource type implements
        String closed = TypeNames.mentionsLocal(c.trees.getTypeMirror(rp))
                ? "((" + c.ref(ClassName.get(AutoCloseable.class)) + ") " + name + ")" : name;
        lowered(p, () -> resources(p, t, i + 1), List.of(), (ex, branch) -> {
            String s = c.fresh("suppressed");
            b.out.line("if (" + name + " != null) {\n"
                    + "  if (" + branch + " == " + Listing.THROW + ") {\n"
                    + "    try {\n"
                    + "      " + closed + ".close();\n"
                    + "    } catch (Throwable " + s + ") {\n"
                    + "      if (" + s + " != " + ex + ") " + ex + ".addSuppressed(" + s + ");\n"
                    + "    }\n"
                    + "  } else {\n"
                    + "    " + closed + ".close();\n"
                    + "  }\n"
                    + "}");
        });
    }

    private void lowered(TreePath p, Runnable body, List<? extends CatchTree> catches, FinallyBody fin) {
        Listing out = b.out;
        Region outer = out.region();
        String ex = c.field(ClassName.get(Throwable.class), "thrown");
        String branch = fin == null ? null : c.field(TypeName.INT, "branch");
        Label finLabel = fin == null ? null : out.label();
        Label catchLabel = catches.isEmpty() ? null : out.label();
        Label end = out.label();
        Leaps.Finally f = fin == null ? null : new Leaps.Finally(finLabel, branch);
        if (f != null) {
            b.leaps.push(f);
        }
        out.region(catchLabel != null ? new Region(catchLabel, ex, null) : new Region(finLabel, ex, branch));
        body.run();
        leave(branch, finLabel, end);
        if (catchLabel != null) {
            out.regionAt(fin == null ? outer : new Region(finLabel, ex, branch), catchLabel);
            Label[] handlers = new Label[catches.size()];
            for (int i = 0; i < handlers.length; i++) {
                handlers[i] = out.label();
                Tree type = catches.get(i).getParameter().getType();
                List<? extends Tree> alternatives =
                        type instanceof UnionTypeTree ? ((UnionTypeTree) type).getTypeAlternatives() : List.of(type);
                StringBuilder test = new StringBuilder();
                TreePath cp = new TreePath(new TreePath(p, catches.get(i)), catches.get(i).getParameter());
                for (Tree alt : alternatives) {
                    test.append(test.length() > 0 ? " || " : "").append(ex).append(" instanceof ")
                            .append(b.r.render(new TreePath(new TreePath(cp, type), alt)));
                }
                out.jumpIf(test.toString(), handlers[i]);
            }
            if (fin == null) {
                out.line("throw " + ex + ";");
                out.terminate();
            } else {
                out.line(branch + " = " + Listing.THROW + ";");
                out.jump(finLabel);
            }
            for (int i = 0; i < handlers.length; i++) {
                out.mark(handlers[i]);
                CatchTree ct = catches.get(i);
                TreePath cp = new TreePath(p, ct);
                TreePath vp = new TreePath(cp, ct.getParameter());
                Element e = c.trees.getElement(vp);
                String name = c.hoisting.names.get(e);
                String type = c.ref(TypeNames.denotable(c, e.asType(), ct));
                out.line((c.hoisting.hoisted.contains(e) ? "" : type + " ") + name + " = (" + type + ") " + ex + ";");
                b.statement(new TreePath(cp, ct.getBlock()));
                leave(branch, finLabel, end);
            }
        }
        if (f != null) {
            b.leaps.pop();
            out.regionAt(outer, finLabel);
            fin.emit(ex, branch);
            out.line("if (" + branch + " == " + Listing.THROW + ") throw " + ex + ";");
            for (int i = 0; i < f.branches.size(); i++) {
                out.line("if (" + branch + " == " + (i + 1) + ") { " + b.leaps.continuePending(f.branches.get(i)) + " }");
            }
        }
        out.mark(end);
    }

    /** Normal completion of a try or catch block: through the finally block if there is one. */
    private void leave(String branch, Label finLabel, Label end) {
        if (finLabel != null) {
            b.out.line(branch + " = 0;");
            b.out.jump(finLabel);
        } else {
            b.out.jump(end);
        }
    }
}
