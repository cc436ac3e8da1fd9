package io.github.coro4j.processor;

import com.sun.source.tree.Tree;
import io.github.coro4j.processor.Listing.Label;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The leap manager (Regenerator's name): a stack of the lowered constructs that a break, continue, return or
 * yield may leave. A jump that crosses a lowered finally does not go to its target directly: it records a
 * pending branch number in that try's field and goes to the finally block, whose epilogue later continues the
 * jump from outside the try (and so through the next finally out, innermost first).
 */
final class Leaps {
    /** A loop, a switch statement, a labeled statement or a switch expression. */
    static final class Target {
        final Tree tree;
        /** The labeled statement around {@code tree}, if any. */
        final Tree labeled;
        final Label brk;
        final Label cont;
        /** For a switch expression: the temporary that receives the yielded value. */
        final String result;

        Target(Tree tree, Tree labeled, Label brk, Label cont, String result) {
            this.tree = tree;
            this.labeled = labeled;
            this.brk = brk;
            this.cont = cont;
            this.result = result;
        }
    }

    /** A lowered try with a finally block, while its try block or catch blocks are being emitted. */
    static final class Finally {
        final Label fin;
        final String jumpField;
        /** Pending branches by number (index + 1): a Target with a Label, or RETURN. */
        final List<Object[]> branches = new ArrayList<>();

        Finally(Label fin, String jumpField) {
            this.fin = fin;
            this.jumpField = jumpField;
        }

        int branch(Object target, Label label) {
            for (int i = 0; i < branches.size(); i++) {
                if (branches.get(i)[0] == target && branches.get(i)[1] == label) {
                    return i + 1;
                }
            }
            branches.add(new Object[] {target, label});
            return branches.size();
        }
    }

    static final Object RETURN = new Object();

    private final Deque<Object> stack = new ArrayDeque<>();
    private final Ctx c;
    private final Listing out;
    /** The field for a value returned through a finally block, created on first use. */
    private String retVal;

    Leaps(Ctx c, Listing out) {
        this.c = c;
        this.out = out;
    }

    void push(Object entry) {
        stack.push(entry);
    }

    void pop() {
        stack.pop();
    }

    Target find(Tree target) {
        for (Object o : stack) {
            if (o instanceof Target && (((Target) o).tree == target || ((Target) o).labeled == target)) {
                return (Target) o;
            }
        }
        return null;
    }

    /** Code for a jump to {@code label} of {@code target}, through any finally blocks in between. */
    String jump(Target target, Label label) {
        for (Iterator<Object> it = stack.iterator(); it.hasNext(); ) {
            Object o = it.next();
            if (o == target) {
                break;
            }
            if (o instanceof Finally) {
                Finally f = (Finally) o;
                return f.jumpField + " = " + f.branch(target, label) + "; " + out.jumpCode(f.fin);
            }
        }
        return out.jumpCode(label);
    }

    /** Code for {@code return value;} ({@code value} null for a void method). */
    String returns(String value, javax.lang.model.type.TypeMirror type) {
        String v = value == null ? "null" : castToReturnType(value, type);
        Finally f = innermostFinally();
        if (f == null) {
            return "return " + v + ";";
        }
        return retVal() + " = " + v + "; " + f.jumpField + " = " + f.branch(RETURN, null) + "; "
                + out.jumpCode(f.fin);
    }

    /** Code continuing a return that was pending in a finally block now left. */
    String returnPending() {
        Finally f = innermostFinally();
        if (f == null) {
            return "return " + retVal() + ";";
        }
        return f.jumpField + " = " + f.branch(RETURN, null) + "; " + out.jumpCode(f.fin);
    }

    /** Code that continues the branch {@code b} (from {@link Finally#branches}) from the current context. */
    String continuePending(Object[] b) {
        if (b[0] == RETURN) {
            return returnPending();
        }
        return jump((Target) b[0], (Label) b[1]);
    }

    private Finally innermostFinally() {
        for (Object o : stack) {
            if (o instanceof Finally) {
                return (Finally) o;
            }
        }
        return null;
    }

    private String retVal() {
        if (retVal == null) {
            retVal = c.field(com.palantir.javapoet.ClassName.OBJECT, "returned");
        }
        return retVal;
    }

    /**
     * step() returns Object, so a primitive result is boxed: cast it to the declared type first, or
     * {@code return 1;} in a method returning long would produce an Integer.
     */
    private String castToReturnType(String value, javax.lang.model.type.TypeMirror type) {
        javax.lang.model.type.TypeMirror r = c.m.element.getReturnType();
        if (r.getKind().isPrimitive() && (type == null || !c.types.isSameType(type, r))) {
            return "(" + r + ") (" + value + ")";
        }
        return value;
    }
}
