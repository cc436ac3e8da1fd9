package io.github.coro4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * A conservative version of JLS 14.22 "can complete normally", for statements printed unchanged. When it
 * cannot prove that javac considers a statement able to complete normally, the state builder wraps the
 * statement in {@code if (true) { }}, so that the generated code after it is never "unreachable" to javac
 * (whether it runs is then up to the original code, as it should be).
 */
final class Completion {
    private Completion() {}

    static boolean surely(Tree t) {
        if (t == null || t instanceof ExpressionStatementTree || t instanceof VariableTree || t instanceof ClassTree
                || t.getKind() == Tree.Kind.EMPTY_STATEMENT) {
            return true;
        }
        if (t instanceof BlockTree) {
            List<? extends StatementTree> s = ((BlockTree) t).getStatements();
            for (StatementTree st : s) {
                if (!surely(st)) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof IfTree) {
            IfTree i = (IfTree) t;
            return i.getElseStatement() == null || surely(i.getThenStatement()) || surely(i.getElseStatement());
        }
        if (t instanceof WhileLoopTree) {
            return !isTrue(((WhileLoopTree) t).getCondition());
        }
        if (t instanceof ForLoopTree) {
            ExpressionTree c = ((ForLoopTree) t).getCondition();
            return c != null && !isTrue(c);
        }
        if (t.getKind() == Tree.Kind.ENHANCED_FOR_LOOP) {
            return true;
        }
        if (t instanceof DoWhileLoopTree) {
            DoWhileLoopTree d = (DoWhileLoopTree) t;
            return !isTrue(d.getCondition()) && surely(d.getStatement());
        }
        if (t instanceof LabeledStatementTree) {
            return surely(((LabeledStatementTree) t).getStatement());
        }
        if (t instanceof SynchronizedTree) {
            return surely(((SynchronizedTree) t).getBlock());
        }
        if (t instanceof SwitchTree) {
            SwitchTree s = (SwitchTree) t;
            boolean hasDefault = false;
            for (CaseTree c : s.getCases()) {
                hasDefault |= c.getExpressions().isEmpty();
            }
            if (!hasDefault || s.getCases().isEmpty() || hasOwnBreak(s)) {
                return true;
            }
            CaseTree last = s.getCases().get(s.getCases().size() - 1);
            if (last.getCaseKind() == CaseTree.CaseKind.RULE) {
                return false;
            }
            for (StatementTree st : last.getStatements()) {
                if (!surely(st)) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof TryTree) {
            TryTree tr = (TryTree) t;
            if (tr.getFinallyBlock() != null && !surely(tr.getFinallyBlock())) {
                return false;
            }
            if (surely(tr.getBlock())) {
                return true;
            }
            for (CatchTree c : tr.getCatches()) {
                if (surely(c.getBlock())) {
                    return true;
                }
            }
            return false;
        }
        return false;
    }

    /** Whether the switch contains an unlabeled break that exits it (not one of a nested loop or switch). */
    private static boolean hasOwnBreak(SwitchTree s) {
        boolean[] found = {false};
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitBreak(BreakTree node, Void unused) {
                found[0] |= node.getLabel() == null;
                return null;
            }

            @Override
            public Void visitSwitch(SwitchTree node, Void unused) {
                return node == s ? super.visitSwitch(node, unused) : null;
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return null;
            }
        }.scan(s, null);
        return found[0];
    }

    static boolean isTrue(ExpressionTree e) {
        e = Spiller.strip(e);
        return e instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) e).getValue());
    }
}
