package io.github.coro4j.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * The liveness analysis: decides which locals must become fields of the state machine, and gives every local
 * of the body a name that is unique in the whole method (the generated switch flattens blocks, so two sibling
 * {@code int i} would otherwise collide; a lambda parameter could collide with a flattened local too).
 *
 * <p>A local is hoisted when the part of its scope after its declaration spans a state boundary, which
 * happens exactly when that part contains an await, or the construct that declares it is split into states
 * (a for loop, a switch block, a try with resources). Everything else stays a Java local of one case of the
 * switch. Locals inside lambdas and local classes are never hoisted: they are opaque.
 */
final class Hoister {
    /** The outcome: the name of every local and parameter, and the set of those that are fields. */
    static final class Result {
        final Map<Element, String> names = new HashMap<>();
        final Set<Element> hoisted = new HashSet<>();
    }

    private Hoister() {}

    /**
     * The generated code qualifies static members with their class ({@code T.v(1)} for a static import,
     * {@code K.twice(x)} for the class's own), and a local or field named like that class would obscure it
     * (JLS 6.4.2), all the more as a field is in scope in the whole of step(): a name that starts with an
     * upper-case letter, as type names do, gets a suffix. (Package names: {@link Ctx}.)
     */
    private static String suggestion(String name) {
        return !name.isEmpty() && Character.isUpperCase(name.charAt(0)) ? name + "_" : name;
    }

    static Result run(Ctx c) {
        Result r = new Result();
        for (VariableElement p : c.m.element.getParameters()) {
            r.names.put(p, c.names.newName(suggestion(p.getSimpleName().toString()), p));
            r.hoisted.add(p);
        }
        new TreePathScanner<Void, Integer>() {
            @Override
            public Void visitClass(ClassTree node, Integer depth) {
                return super.visitClass(node, depth + 1);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree node, Integer depth) {
                return super.visitLambdaExpression(node, depth + 1);
            }

            @Override
            public Void visitVariable(VariableTree node, Integer depth) {
                TreePath path = getCurrentPath();
                Tree parent = path.getParentPath().getLeaf();
                if (!(parent instanceof ClassTree) && (node.getName().contentEquals("_") || node.getName().isEmpty())) {
                    // an unnamed variable (_, Java 22) stays unnamed and a Java local: nothing can read it
                    Element e = c.trees.getElement(path);
                    if (e != null) {
                        r.names.put(e, "_");
                    }
                } else if (!(parent instanceof ClassTree)) { // fields of local classes are not locals
                    Element e = c.trees.getElement(path);
                    if (e != null) {
                        r.names.put(e, c.names.newName(suggestion(node.getName().toString()), e));
                        if (depth == 0 && lives(c, path)) {
                            r.hoisted.add(e);
                        }
                    }
                }
                return super.visitVariable(node, depth);
            }
        }.scan(c.m.bodyPath(), 0);
        return r;
    }

    /** Whether the scope of the variable declared at {@code path} spans a state boundary. */
    private static boolean lives(Ctx c, TreePath path) {
        Awaits a = c.awaits;
        Tree parent = path.getParentPath().getLeaf();
        if (parent instanceof BlockTree) {
            return a.inAny(after(((BlockTree) parent).getStatements(), path.getLeaf()));
        } else if (parent instanceof CaseTree) {
            return a.in(path.getParentPath().getParentPath().getLeaf());
        } else if (parent instanceof ForLoopTree || parent instanceof EnhancedForLoopTree
                || parent instanceof TryTree) {
            return a.in(parent);
        } else if (parent instanceof CatchTree) {
            return a.in(((CatchTree) parent).getBlock());
        } else if (parent instanceof BindingPatternTree) {
            // Flow scoping: a binding may be in scope in the rest of the enclosing block. Be conservative.
            TreePath p = path;
            while (p.getParentPath() != null) {
                Tree up = p.getParentPath().getLeaf();
                if (up instanceof BlockTree) {
                    return a.in(p.getLeaf()) || a.inAny(after(((BlockTree) up).getStatements(), p.getLeaf()));
                }
                if (up instanceof CaseTree) {
                    // a binding of a case label or guard: the arm of a lowered switch copies it into a field
                    return a.in(p.getParentPath().getParentPath().getLeaf());
                }
                if (up instanceof SwitchTree) {
                    return a.in(p.getParentPath().getLeaf()) || a.in(up);
                }
                p = p.getParentPath();
            }
        }
        return false;
    }

    private static List<? extends StatementTree> after(List<? extends StatementTree> stmts, Tree t) {
        int i = stmts.indexOf(t);
        return stmts.subList(i + 1, stmts.size());
    }
}
