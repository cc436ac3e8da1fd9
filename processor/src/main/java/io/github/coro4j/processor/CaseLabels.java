package io.github.coro4j.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The Java 21 parts of a case ({@code CaseTree.getLabels()}, {@code getGuard()}, and the kinds of label), read
 * without compiling against them: the processor is compiled with {@code --release 17} and runs on whatever JDK
 * compiles the user's code (17 to 25). Kinds are compared by name ({@code Tree.getKind().name()}), and the two
 * methods that 17 lacks are looked up by reflection on the public {@code com.sun.source.tree} interfaces (no
 * javac internals). On a JDK without them, a case has its constant expressions and nothing else.
 */
final class CaseLabels {
    private static final Method LABELS = method(CaseTree.class, "getLabels");
    private static final Method GUARD = method(CaseTree.class, "getGuard");

    /**
     * Whether the running javac has Java 21's final form of these trees (guards in {@code getGuard()}, constants
     * in ConstantCaseLabelTree). Earlier JDKs had them only as preview features, in other shapes: a switch
     * that awaits and uses them is then reported as unsupported rather than guessed at.
     */
    static final boolean STANDARD = Runtime.version().feature() >= 21 && LABELS != null && GUARD != null;

    private CaseLabels() {}

    private static Method method(Class<?> c, String name) {
        try {
            return c.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object call(Method m, Object on) {
        try {
            return m.invoke(on);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + m, e);
        }
    }

    /** The labels of a case (Java 21: constant, pattern and default labels); null on a JDK without them. */
    @SuppressWarnings("unchecked")
    static List<? extends Tree> labels(CaseTree c) {
        return LABELS == null ? null : (List<? extends Tree>) call(LABELS, c);
    }

    /** The {@code when} guard of a case, or null. */
    static ExpressionTree guard(CaseTree c) {
        return GUARD == null ? null : (ExpressionTree) call(GUARD, c);
    }

    static boolean isDefault(Tree label) {
        return label.getKind().name().equals("DEFAULT_CASE_LABEL");
    }

    /** A pattern label ({@code case Foo f}, {@code case Point(int x, var y)}), or anything not a constant. */
    static boolean isPattern(Tree label) {
        return !isDefault(label) && !label.getKind().name().equals("CONSTANT_CASE_LABEL")
                && !(label instanceof ExpressionTree);
    }

    /** Whether a switch needs {@link SwitchLowering}'s pattern lowering: a pattern, {@code case null} or a guard. */
    static boolean needsPatternLowering(List<? extends CaseTree> cases) {
        for (CaseTree c : cases) {
            if (guard(c) != null) {
                return true;
            }
            for (ExpressionTree e : c.getExpressions()) {
                if (e.getKind() == Tree.Kind.NULL_LITERAL) {
                    return true;
                }
            }
            List<? extends Tree> labels = labels(c);
            if (labels != null) {
                for (Tree l : labels) {
                    if (isPattern(l)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
