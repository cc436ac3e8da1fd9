package io.github.coro4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.tools.Diagnostic;

/**
 * Reports compile errors at the offending tree, so that IDEs underline the exact spot. Every message begins
 * with a stable tag such as {@code [CoroAwaitInLambda]} (listed in docs/guide.md) that tests match on.
 */
final class Reporter {
    private final Trees trees;
    private int errors;

    Reporter(Trees trees) {
        this.trees = trees;
    }

    void error(String tag, String message, Tree tree, CompilationUnitTree unit) {
        errors++;
        trees.printMessage(Diagnostic.Kind.ERROR, "[" + tag + "] " + message, tree, unit);
    }

    int errorCount() {
        return errors;
    }
}
