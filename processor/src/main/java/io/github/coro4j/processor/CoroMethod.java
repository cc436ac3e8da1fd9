package io.github.coro4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** One {@code @Coroutine} method as the parse pass found it: its element, its tree and where it lives. */
final class CoroMethod {
    final ExecutableElement element;
    final TypeElement owner;
    final TreePath path;
    final MethodTree tree;
    final CompilationUnitTree unit;
    /** The source text of the compilation unit: untouched subtrees are printed from it. */
    final String source;

    CoroMethod(ExecutableElement element, TypeElement owner, TreePath path, String source) {
        this.element = element;
        this.owner = owner;
        this.path = path;
        this.tree = (MethodTree) path.getLeaf();
        this.unit = path.getCompilationUnit();
        this.source = source;
    }

    boolean isStatic() {
        return element.getModifiers().contains(Modifier.STATIC);
    }

    TreePath bodyPath() {
        return new TreePath(path, tree.getBody());
    }
}
