package io.github.coro4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds the suspension points of a body: calls of {@code io.github.coro4j.Coro.await}, either overload. Also
 * remembers every tree that contains one, so that the other passes can ask "does this subtree suspend?" in
 * constant time (statements that do not are printed unchanged, Regenerator style).
 */
final class Awaits {
    static final String CORO = "io.github.coro4j.Coro";

    private final Set<Tree> containing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Every await, with its path, in source order (including those in lambdas: the validator reports them). */
    final List<TreePath> all = new ArrayList<>();

    static boolean isAwait(Trees trees, TreePath path) {
        if (!(path.getLeaf() instanceof MethodInvocationTree)) {
            return false;
        }
        Element e = trees.getElement(path);
        return e != null && e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals("await")
                && e.getEnclosingElement() instanceof TypeElement
                && ((TypeElement) e.getEnclosingElement()).getQualifiedName().contentEquals(CORO);
    }

    static Awaits scan(Trees trees, TreePath body) {
        Awaits a = new Awaits();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                if (isAwait(trees, getCurrentPath())) {
                    a.all.add(getCurrentPath());
                    // Mark the await and its ancestors up to the body, stopping at nested functions: an
                    // await in a lambda is an error, never a suspension point of this body.
                    for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
                        Tree t = p.getLeaf();
                        if (t instanceof LambdaExpressionTree || t instanceof ClassTree) {
                            break;
                        }
                        a.containing.add(t);
                        if (t == body.getLeaf()) {
                            break;
                        }
                    }
                }
                return super.visitMethodInvocation(node, unused);
            }
        }.scan(body, null);
        return a;
    }

    /**
     * The type of an await expression. The bodies are attributed a round after the companions were written,
     * so an await of any companion's task has its real type; an erroneous type means the body does not
     * compile, and javac reports why.
     */
    static javax.lang.model.type.TypeMirror type(Ctx c, TreePath await) {
        javax.lang.model.type.TypeMirror t = c.trees.getTypeMirror(await);
        if (t != null && t.getKind() != javax.lang.model.type.TypeKind.ERROR) {
            return t;
        }
        throw new Unsupported(await.getLeaf(), "the type of this await does not resolve");
    }

    boolean in(Tree t) {
        return t != null && containing.contains(t);
    }

    boolean inAny(List<? extends Tree> ts) {
        for (Tree t : ts) {
            if (in(t)) {
                return true;
            }
        }
        return false;
    }
}
