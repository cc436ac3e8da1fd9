package io.github.coro4j.processor;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import io.github.coro4j.processor.Listing.Label;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Spills awaits out of expressions (Roslyn's SpillSequenceSpiller): an expression that contains an await is
 * split into statements that evaluate its operands into temporaries, in Java's left-to-right order, up to
 * the last operand that awaits; each await becomes a suspension point; what remains is an expression
 * without awaits over the temporaries. {@code a && await(b)} becomes {@code t = a; if (t) t = await(b);}
 * and {@code c ? await(x) : y} a branch, so that the side not taken is never evaluated.
 */
final class Spiller {
    private final Ctx c;
    private final Listing out;
    private final Renderer r;
    /** Lowers switch expressions that await (a statement-level construct); set by the state builder. */
    SwitchExpressions switches;

    Spiller(Ctx c, Listing out, Renderer r) {
        this.c = c;
        this.out = out;
        this.r = r;
    }

    /** Emits the code evaluating the awaits of the expression at {@code p}; returns the rest of it. */
    String spill(TreePath p) {
        Tree t = p.getLeaf();
        if (!c.awaits.in(t)) {
            return r.render(p);
        }
        if (Awaits.isAwait(c.trees, p)) {
            return await(p, null);
        }
        if (t instanceof BinaryTree && (t.getKind() == Tree.Kind.CONDITIONAL_AND
                || t.getKind() == Tree.Kind.CONDITIONAL_OR)) {
            return shortCircuit(p, (BinaryTree) t);
        }
        if (t instanceof ConditionalExpressionTree) {
            return conditional(p, (ConditionalExpressionTree) t);
        }
        if (t instanceof CompoundAssignmentTree && c.awaits.in(((CompoundAssignmentTree) t).getExpression())) {
            return compound(p, (CompoundAssignmentTree) t);
        }
        if (t instanceof SwitchExpressionTree) {
            return switches.switchExpression(p);
        }
        return operands(p, children(p));
    }

    /** An await whose value goes straight into {@code line} ({@code x = resume();}): no temporary. */
    void awaitThen(TreePath p, String line) {
        await(p, line);
    }

    /** {@code if (suspend(task, L)) return SUSPENDED; L: tmp = resume();}; returns tmp (or null). */
    String await(TreePath p, String lineAfter) {
        MethodInvocationTree call = (MethodInvocationTree) p.getLeaf();
        TreePath taskPath = new TreePath(p, call.getArguments().get(0));
        String task = operands(p, List.of(taskPath), true);
        TypeMirror taskType = c.trees.getTypeMirror(taskPath);
        if (inferredFromTarget(taskPath.getLeaf()) && taskType != null && !TypeNames.mentionsLocal(taskType)) {
            // await(completed(String::length)) gets its type from await's target; suspend(task, L) gives
            // none (cannot infer: Object is not a functional interface): declare the task with its type
            String t = c.fresh("task");
            out.line(c.ref(TypeNames.denotable(c, taskType, taskPath.getLeaf())) + " " + t + " = " + task + ";");
            task = t;
        }
        Label resume = out.label();
        out.line("if (suspend(" + task + ", " + Listing.ref(resume) + ")) return SUSPENDED;");
        out.markResume(resume);
        if (lineAfter != null) {
            out.line(lineAfter);
            return null;
        }
        TypeMirror type = Awaits.type(c, p);
        String tmp = c.field(TypeNames.denotable(c, type, call), "awaited");
        out.line(tmp + " = resume();");
        return tmp;
    }

    /** A generic call or diamond with a lambda or method reference argument: typed by its target. */
    private static boolean inferredFromTarget(Tree t) {
        t = t instanceof ExpressionTree ? strip((ExpressionTree) t) : t;
        List<? extends ExpressionTree> args = t instanceof MethodInvocationTree
                ? ((MethodInvocationTree) t).getArguments()
                : t instanceof NewClassTree ? ((NewClassTree) t).getArguments() : List.of();
        for (ExpressionTree a : args) {
            ExpressionTree x = strip(a);
            if (x instanceof com.sun.source.tree.LambdaExpressionTree || x instanceof MemberReferenceTree
                    || inferredFromTarget(x)) {
                return true;
            }
        }
        return false;
    }

    private String operands(TreePath p, List<TreePath> kids) {
        return operands(p, kids, false);
    }

    /**
     * The general rule: operands before the last one that awaits are evaluated into temporaries (unless
     * constant), that one is spilled, later ones stay in place. With {@code only} the result is the text of
     * the single operand rather than of {@code p}.
     */
    private String operands(TreePath p, List<TreePath> kids, boolean only) {
        int last = -1;
        for (int i = 0; i < kids.size(); i++) {
            if (c.awaits.in(kids.get(i).getLeaf())) {
                last = i;
            }
        }
        for (int i = 0; i < last; i++) {
            TreePath k = kids.get(i);
            String v = spill(k);
            if (!(k.getLeaf() instanceof LiteralTree) && !isTypeOrPackage(k)) {
                TypeMirror type = c.trees.getTypeMirror(k);
                requireNoSharedCapture(p, k, type);
                TypeMirror unboxed = unboxedAt(k, type);
                String tmp = c.field(TypeNames.denotable(c, unboxed != null ? unboxed : type, k.getLeaf()), "operand");
                if (k.getLeaf() instanceof NewArrayTree && ((NewArrayTree) k.getLeaf()).getType() == null) {
                    // a nested initializer ({{a}, {b, await(c)}}) is no expression of its own: give it its type
                    v = "new " + c.ref(TypeNames.denotable(c, c.trees.getTypeMirror(k), k.getLeaf())) + " " + v;
                }
                out.line(tmp + " = " + v + ";");
                String local = TypeNames.localClass(c, c.trees.getTypeMirror(k));
                if (local == null) {
                    local = TypeNames.intersectionCast(c, c.trees.getTypeMirror(k));
                }
                v = local == null ? tmp : "((" + local + ") " + tmp + ")";
            }
            r.overrides.put(k.getLeaf(), v);
        }
        if (last >= 0) {
            r.overrides.put(kids.get(last).getLeaf(), spill(kids.get(last)));
        }
        return only ? r.render(kids.get(0)) : r.render(p);
    }

    /**
     * {@code glue(new ArrayList<>(), await(v(wild)))} with {@code <T> glue(List<T>, List<T>)} and a
     * {@code List<?>} await: javac infers the diamond as {@code ArrayList<capture of ?>}, the capture of the
     * await's value. A temporary can only be declared {@code ArrayList<?>}, which the call then captures
     * afresh, and the generated call does not compile. Such an argument (an inferred one whose type has a
     * captured wildcard inside, of a generic call) is reported instead.
     */
    private void requireNoSharedCapture(TreePath p, TreePath k, TypeMirror type) {
        if (type.getKind() == TypeKind.TYPEVAR || !type.toString().contains("capture#")) {
            return;
        }
        Tree kid = k.getLeaf();
        boolean inferred = kid instanceof NewClassTree && ((NewClassTree) kid).getIdentifier()
                instanceof com.sun.source.tree.ParameterizedTypeTree && ((com.sun.source.tree.ParameterizedTypeTree)
                ((NewClassTree) kid).getIdentifier()).getTypeArguments().isEmpty()
                || kid instanceof MethodInvocationTree && ((MethodInvocationTree) kid).getTypeArguments().isEmpty()
                && isGeneric(k);
        boolean genericParent = p.getLeaf() instanceof MethodInvocationTree
                && ((MethodInvocationTree) p.getLeaf()).getTypeArguments().isEmpty() && isGeneric(p)
                || p.getLeaf() instanceof NewClassTree && isGeneric(p);
        if (inferred && genericParent) {
            throw new Unsupported(kid, "this argument's type (" + type + ") is inferred from a captured wildcard "
                    + "shared with an argument that awaits; the generated code cannot name that capture. Assign "
                    + "the awaited value to a local variable first, or give the type arguments explicitly");
        }
    }

    private boolean isGeneric(TreePath call) {
        Element e = c.trees.getElement(call);
        return e instanceof javax.lang.model.element.ExecutableElement
                && (!((javax.lang.model.element.ExecutableElement) e).getTypeParameters().isEmpty()
                || call.getLeaf() instanceof NewClassTree && !((TypeElement) e.getEnclosingElement())
                        .getTypeParameters().isEmpty());
    }

    /**
     * The primitive type a boxed operand is unboxed to as soon as it is evaluated, or null. javac unboxes an
     * operand of a numeric or boolean operator, an array index or dimension, an argument of a primitive
     * parameter right after evaluating it, before the operands to its right: {@code n + await(x)} with a null
     * {@code n} throws before the await. A temporary of the boxed type would move the exception after it.
     */
    private TypeMirror unboxedAt(TreePath k, TypeMirror type) {
        TreePath p = k.getParentPath();
        TypeMirror prim = unboxed(c, type);
        if (!prim.getKind().isPrimitive() || type.getKind().isPrimitive()) {
            return null;
        }
        Tree t = p.getLeaf();
        Tree kid = k.getLeaf();
        if (t instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) t;
            TypeMirror result = c.trees.getTypeMirror(p);
            if (t.getKind() == Tree.Kind.PLUS && !result.getKind().isPrimitive()) {
                return null; // string concatenation
            }
            if (t.getKind() == Tree.Kind.EQUAL_TO || t.getKind() == Tree.Kind.NOT_EQUAL_TO) {
                Tree other = b.getLeftOperand() == kid ? b.getRightOperand() : b.getLeftOperand();
                TypeMirror o = c.trees.getTypeMirror(new TreePath(p, other));
                return o != null && o.getKind().isPrimitive() ? prim : null; // else a reference comparison
            }
            return prim;
        }
        if (t instanceof ArrayAccessTree) {
            return ((ArrayAccessTree) t).getIndex() == kid ? prim : null;
        }
        if (t instanceof NewArrayTree) {
            if (((NewArrayTree) t).getDimensions().contains(kid)) {
                return prim;
            }
            TypeMirror array = c.trees.getTypeMirror(p);
            return array instanceof javax.lang.model.type.ArrayType
                    && ((javax.lang.model.type.ArrayType) array).getComponentType().getKind().isPrimitive() ? prim : null;
        }
        List<? extends ExpressionTree> args = t instanceof MethodInvocationTree ? ((MethodInvocationTree) t).getArguments()
                : t instanceof NewClassTree ? ((NewClassTree) t).getArguments() : null;
        Element m = args == null ? null : c.trees.getElement(p);
        if (m instanceof javax.lang.model.element.ExecutableElement && args.indexOf(kid) >= 0) {
            javax.lang.model.element.ExecutableElement e = (javax.lang.model.element.ExecutableElement) m;
            int i = args.indexOf(kid);
            int n = e.getParameters().size();
            TypeMirror param = e.getParameters().get(Math.min(i, n - 1)).asType();
            if (e.isVarArgs() && i >= n - 1 && param instanceof javax.lang.model.type.ArrayType) {
                param = ((javax.lang.model.type.ArrayType) param).getComponentType(); // a boxed arg is no array
            }
            return param.getKind().isPrimitive() ? prim : null;
        }
        return null;
    }

    private boolean isTypeOrPackage(TreePath k) {
        Element e = c.trees.getElement(k);
        return (k.getLeaf() instanceof IdentifierTree || k.getLeaf() instanceof MemberSelectTree)
                && (e instanceof TypeElement || e instanceof PackageElement);
    }

    /** The operands of an expression in evaluation order (variables of assignments: their parts). */
    private List<TreePath> children(TreePath p) {
        Tree t = p.getLeaf();
        List<Tree> k = new ArrayList<>();
        if (t instanceof BinaryTree) {
            k.add(((BinaryTree) t).getLeftOperand());
            k.add(((BinaryTree) t).getRightOperand());
        } else if (t instanceof UnaryTree) {
            Tree o = ((UnaryTree) t).getExpression();
            if (isIncDec(t)) {
                return variableParts(new TreePath(p, o));
            }
            k.add(o);
        } else if (t instanceof MethodInvocationTree) {
            MethodInvocationTree m = (MethodInvocationTree) t;
            if (m.getMethodSelect() instanceof MemberSelectTree
                    && !Renderer.isSuper(((MemberSelectTree) m.getMethodSelect()).getExpression())) {
                k.add(((MemberSelectTree) m.getMethodSelect()).getExpression());
            }
            k.addAll(m.getArguments());
        } else if (t instanceof NewClassTree) {
            NewClassTree n = (NewClassTree) t;
            if (n.getEnclosingExpression() != null) {
                k.add(n.getEnclosingExpression());
            }
            k.addAll(n.getArguments());
        } else if (t instanceof ArrayAccessTree) {
            k.add(((ArrayAccessTree) t).getExpression());
            k.add(((ArrayAccessTree) t).getIndex());
        } else if (t instanceof MemberSelectTree) {
            if (!Renderer.isSuper(((MemberSelectTree) t).getExpression())) {
                k.add(((MemberSelectTree) t).getExpression());
            }
        } else if (t instanceof TypeCastTree) {
            k.add(((TypeCastTree) t).getExpression());
        } else if (t instanceof ParenthesizedTree) {
            k.add(((ParenthesizedTree) t).getExpression());
        } else if (t instanceof InstanceOfTree) {
            k.add(((InstanceOfTree) t).getExpression());
        } else if (t instanceof NewArrayTree) {
            NewArrayTree n = (NewArrayTree) t;
            k.addAll(n.getDimensions());
            if (n.getInitializers() != null) {
                k.addAll(n.getInitializers());
            }
        } else if (t instanceof MemberReferenceTree) {
            k.add(((MemberReferenceTree) t).getQualifierExpression());
        } else if (t instanceof AssignmentTree) {
            AssignmentTree a = (AssignmentTree) t;
            List<TreePath> parts = variableParts(new TreePath(p, a.getVariable()));
            parts.add(new TreePath(p, a.getExpression()));
            return parts;
        } else if (t instanceof CompoundAssignmentTree) {
            return variableParts(new TreePath(p, ((CompoundAssignmentTree) t).getVariable()));
        } else {
            throw new Unsupported(t, "await inside " + t.getKind().toString().toLowerCase().replace('_', ' '));
        }
        List<TreePath> paths = new ArrayList<>();
        for (Tree x : k) {
            paths.add(new TreePath(p, x));
        }
        return paths;
    }

    /** The parts of a variable evaluated before the right-hand side: array and index, or field owner. */
    private List<TreePath> variableParts(TreePath v) {
        List<TreePath> parts = new ArrayList<>();
        Tree t = v.getLeaf();
        while (t instanceof ParenthesizedTree) {
            v = new TreePath(v, ((ParenthesizedTree) t).getExpression());
            t = v.getLeaf();
        }
        if (t instanceof ArrayAccessTree) {
            parts.add(new TreePath(v, ((ArrayAccessTree) t).getExpression()));
            parts.add(new TreePath(v, ((ArrayAccessTree) t).getIndex()));
        } else if (t instanceof MemberSelectTree) {
            TreePath owner = new TreePath(v, ((MemberSelectTree) t).getExpression());
            if (!isTypeOrPackage(owner) && !Renderer.isSuper(owner.getLeaf())) {
                parts.add(owner);
            }
        }
        return parts;
    }

    private static boolean isIncDec(Tree t) {
        switch (t.getKind()) {
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
                return true;
            default:
                return false;
        }
    }

    private String shortCircuit(TreePath p, BinaryTree b) {
        if (!c.awaits.in(b.getRightOperand())) {
            return operands(p, children(p));
        }
        String tmp = c.field(TypeName.BOOLEAN, "cond");
        out.line(tmp + " = " + spill(new TreePath(p, b.getLeftOperand())) + ";");
        Label end = out.label();
        out.jumpIf(b.getKind() == Tree.Kind.CONDITIONAL_AND ? "!" + tmp : tmp, end);
        out.line(tmp + " = " + spill(new TreePath(p, b.getRightOperand())) + ";");
        out.mark(end);
        return tmp;
    }

    private String conditional(TreePath p, ConditionalExpressionTree e) {
        if (!c.awaits.in(e.getTrueExpression()) && !c.awaits.in(e.getFalseExpression())) {
            r.overrides.put(e.getCondition(), spill(new TreePath(p, e.getCondition())));
            return r.render(p);
        }
        String cond = spill(new TreePath(p, e.getCondition()));
        String tmp = c.field(TypeNames.denotable(c, c.trees.getTypeMirror(p), e), "choice");
        Label otherwise = out.label();
        Label end = out.label();
        out.jumpIf("!(" + cond + ")", otherwise);
        out.line(tmp + " = " + spill(new TreePath(p, e.getTrueExpression())) + ";");
        out.jump(end);
        out.mark(otherwise);
        out.line(tmp + " = " + spill(new TreePath(p, e.getFalseExpression())) + ";");
        out.mark(end);
        String cast = TypeNames.intersectionCast(c, c.trees.getTypeMirror(p)); // a field of its first bound
        return cast == null ? tmp : "((" + cast + ") " + tmp + ")";
    }

    /**
     * {@code v op= await(x)}: Java reads the variable's value before evaluating the right-hand side (JLS
     * 15.26.2), so the parts of the variable and its old value go to temporaries first; the result is cast
     * back to the variable's type, as the compound operator does implicitly.
     */
    private String compound(TreePath p, CompoundAssignmentTree a) {
        TreePath var = new TreePath(p, a.getVariable());
        List<TreePath> parts = variableParts(var);
        for (TreePath part : parts) {
            String v = spill(part);
            if (!(part.getLeaf() instanceof LiteralTree)) {
                TypeMirror type = c.trees.getTypeMirror(part);
                TypeMirror unboxed = unboxedAt(part, type);
                String tmp = c.field(TypeNames.denotable(c, unboxed != null ? unboxed : type, part.getLeaf()), "operand");
                out.line(tmp + " = " + v + ";");
                v = tmp;
            }
            r.overrides.put(part.getLeaf(), v);
        }
        String variable = r.render(var);
        TypeMirror type = c.trees.getTypeMirror(var);
        // a boxed variable's value is unboxed when read, before the right-hand side (a null one throws first)
        TypeMirror read = unboxed(c, type).getKind().isPrimitive() ? unboxed(c, type) : type;
        String old = c.field(TypeNames.denotable(c, read, a), "old");
        out.line(old + " = " + variable + ";");
        TreePath rp = new TreePath(p, a.getExpression());
        String rhs = spill(rp);
        String cast = compoundCast(c, type, a.getKind(), c.trees.getTypeMirror(rp));
        String value = cast + "(" + old + " " + operator(a.getKind()) + " (" + rhs + "))";
        String viaHandle = r.assignVia(var, value); // a protected field of another package: its setter
        return viaHandle != null ? viaHandle : variable + " = " + value;
    }

    /** The cast that the compound operator implies, if the operation's type differs from the variable's. */
    static String compoundCast(Ctx c, TypeMirror var, Tree.Kind op, TypeMirror rhs) {
        TypeMirror p = unboxed(c, var);
        if (!p.getKind().isPrimitive()) {
            return ""; // String +=
        }
        TypeKind result;
        if (p.getKind() == TypeKind.BOOLEAN) {
            result = TypeKind.BOOLEAN;
        } else if (op == Tree.Kind.LEFT_SHIFT_ASSIGNMENT || op == Tree.Kind.RIGHT_SHIFT_ASSIGNMENT
                || op == Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT) {
            result = promote(p.getKind(), TypeKind.INT);
        } else {
            result = promote(p.getKind(), unboxed(c, rhs).getKind());
        }
        return result == p.getKind() ? "" : "(" + p + ") ";
    }

    private static TypeMirror unboxed(Ctx c, TypeMirror t) {
        if (t.getKind() == TypeKind.DECLARED) {
            try {
                return c.types.unboxedType(t);
            } catch (IllegalArgumentException notBoxed) {
                return t;
            }
        }
        return t;
    }

    private static TypeKind promote(TypeKind a, TypeKind b) {
        if (a == TypeKind.DOUBLE || b == TypeKind.DOUBLE) {
            return TypeKind.DOUBLE;
        }
        if (a == TypeKind.FLOAT || b == TypeKind.FLOAT) {
            return TypeKind.FLOAT;
        }
        if (a == TypeKind.LONG || b == TypeKind.LONG) {
            return TypeKind.LONG;
        }
        return TypeKind.INT;
    }

    static String operator(Tree.Kind k) {
        switch (k) {
            case PLUS_ASSIGNMENT: return "+";
            case MINUS_ASSIGNMENT: return "-";
            case MULTIPLY_ASSIGNMENT: return "*";
            case DIVIDE_ASSIGNMENT: return "/";
            case REMAINDER_ASSIGNMENT: return "%";
            case LEFT_SHIFT_ASSIGNMENT: return "<<";
            case RIGHT_SHIFT_ASSIGNMENT: return ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: return ">>>";
            case AND_ASSIGNMENT: return "&";
            case OR_ASSIGNMENT: return "|";
            case XOR_ASSIGNMENT: return "^";
            default: throw new IllegalArgumentException(k.toString());
        }
    }

    /** Implemented by {@link SwitchLowering}: a switch expression that awaits becomes a switch statement. */
    interface SwitchExpressions {
        String switchExpression(TreePath p);
    }

    static ExpressionTree strip(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }
}
