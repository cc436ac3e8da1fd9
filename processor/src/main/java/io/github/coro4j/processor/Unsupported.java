package io.github.coro4j.processor;

import com.sun.source.tree.Tree;

/**
 * Thrown by the passes after validation when they meet a construct they cannot translate. The driver turns
 * it into a {@code [CoroUnsupported]} error at {@link #tree}: never broken output.
 */
final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Tree tree;

    Unsupported(Tree tree, String what) {
        super(what, null, false, false);
        this.tree = tree;
    }
}
