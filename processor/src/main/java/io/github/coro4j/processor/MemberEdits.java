package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The edits of explicit member accesses, on top of {@link Edits}: {@code super.f}, {@code super.m()} and
 * {@code X.this}, protected members of other packages through {@link Access}'s method handles (reads,
 * assignments, increments, calls, method references), and {@code new Inner()} of the receiver. What to write
 * is decided by {@link MemberAccess}.
 */
final class MemberEdits extends Edits {
    MemberEdits(Renderer renderer, Tree root, List<long[]> spans, List<String> texts) {
        super(renderer, root, spans, texts);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        String id = node.getIdentifier().toString();
        if (id.equals("this") || id.equals("super")) {
            Element e = c.trees.getElement(new TreePath(getCurrentPath(), node.getExpression()));
            if ((e != null && classes.contains(e)) || (id.equals("super") && inLocalClassOf(node))) {
                return scan(node.getExpression(), unused); // the type's name as the companion writes it
            }
            if (id.equals("this") && e instanceof TypeElement && encloses((TypeElement) e)) {
                edit(node, access.outer((TypeElement) e, node)); // Owner.this, or Outer.this of an inner class
                return null;
            }
            throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class"
                    + (id.equals("super") ? "; call a method of " + node.getExpression() + " that makes the "
                    + "super call instead" : ""));
        }
        ExpressionTree q = node.getExpression();
        if (Renderer.isSuper(q) && !inLocalClassOf(q)) {
            // super.field: the field as a member of the superclass (fields are resolved statically)
            MemberAccess.HandleField h = access.handleField(getCurrentPath());
            Element f = c.trees.getElement(getCurrentPath());
            if (h != null) {
                edit(node, h.get(node));
            } else if (f != null && f.getModifiers().contains(Modifier.STATIC)) {
                edit(node, renderer.typeName((TypeElement) f.getEnclosingElement()) + "." + id);
            } else if (q instanceof IdentifierTree) {
                TypeMirror sup = c.m.owner.getSuperclass();
                edit(node, "((" + c.ref(TypeName.get(sup)) + ") " + access.self(node) + ")." + id);
            } else {
                // X.super.f of an enclosing class X: the field as a member of X's superclass
                Element x = c.trees.getElement(new TreePath(getCurrentPath(), ((MemberSelectTree) q).getExpression()));
                if (!(x instanceof TypeElement) || !encloses((TypeElement) x)) {
                    throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class");
                }
                TypeMirror sup = ((TypeElement) x).getSuperclass();
                edit(node, "((" + c.ref(TypeName.get(sup)) + ") " + access.outer((TypeElement) x, node) + ")." + id);
            }
            return null;
        }
        MemberAccess.HandleField h = access.handleField(getCurrentPath());
        if (h != null) {
            edit(node, h.get(node));
            return null;
        }
        if (MemberAccess.implicitRecordAccessor(c.trees, c.trees.getElement(getCurrentPath())) != null) {
            // r.x of a record component's private field: r.x(), its implicit accessor
            scan(q, unused);
            long end = c.trees.getSourcePositions().getEndPosition(c.m.unit, node);
            edit(end, end, "()");
            return null;
        }
        return scan(q, unused);
    }

    private boolean encloses(TypeElement t) {
        return access.enclosesOwner(t);
    }

    /** Whether {@code super} or {@code X.super} at {@code q} means a local or anonymous class of the body. */
    private boolean inLocalClassOf(Tree q) {
        if (q instanceof IdentifierTree) {
            return !classes.isEmpty();
        }
        Element e = c.trees.getElement(new TreePath(getCurrentPath(), ((MemberSelectTree) q).getExpression()));
        if (e != null && e.getKind().isInterface()) {
            // Iface.super.m() names a direct superinterface of the immediately enclosing class (JLS 15.12.1)
            return !classes.isEmpty();
        }
        return e != null && classes.contains(e);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        Element e = c.trees.getElement(getCurrentPath());
        ExpressionTree sel = node.getMethodSelect();
        if (!(e instanceof ExecutableElement)) {
            return super.visitMethodInvocation(node, unused);
        }
        ExecutableElement m = (ExecutableElement) e;
        TreePath selPath = new TreePath(getCurrentPath(), sel);
        String accessor = null;
        String receiver = null;
        if (sel instanceof MemberSelectTree && Renderer.isSuper(((MemberSelectTree) sel).getExpression())) {
            ExpressionTree q = ((MemberSelectTree) sel).getExpression();
            if (inLocalClassOf(q)) {
                return super.visitMethodInvocation(node, unused);
            }
            String[] target = access.superCall(q, selPath, m, node);
            accessor = target[0];
            receiver = target[1];
        } else if (Access.needsHandle(c, m) && !access.plainInLocalClass(getCurrentPath(), m,
                sel instanceof MemberSelectTree ? new TreePath(selPath, ((MemberSelectTree) sel).getExpression())
                        : null)) {
            boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
            if (sel instanceof IdentifierTree) {
                if (isStatic) {
                    accessor = c.access().call(m, null, access.staticVia(m), node);
                } else {
                    MemberAccess.Receiver r = access.implicitReceiver(m, node);
                    accessor = c.access().call(m, null, r.via, node);
                    receiver = r.text;
                }
            } else {
                TreePath qp = new TreePath(selPath, ((MemberSelectTree) sel).getExpression());
                if (isStatic) {
                    if (!(c.trees.getElement(qp) instanceof TypeElement)) {
                        throw new Unsupported(node, "a protected static method called through an instance: "
                                + "call it by its class name");
                    }
                    accessor = c.access().call(m, null, access.staticVia(m), node);
                } else {
                    accessor = c.access().call(m, null, access.via(c.trees.getTypeMirror(qp), m), node);
                    receiver = sub(qp.getLeaf(), qp.getParentPath());
                }
            }
        }
        if (accessor == null) {
            return super.visitMethodInvocation(node, unused);
        }
        if (!node.getTypeArguments().isEmpty()) {
            throw new Unsupported(node, "explicit type arguments on a call the companion makes through a method "
                    + "handle; let them be inferred");
        }
        StringBuilder b = new StringBuilder(accessor).append('(');
        String sep = "";
        if (receiver != null) {
            b.append(receiver);
            sep = ", ";
        }
        for (ExpressionTree a : node.getArguments()) {
            b.append(sep).append(sub(a));
            sep = ", ";
        }
        edit(node, b.append(')').toString());
        return null;
    }

    private String sub(Tree t, TreePath parent) {
        return renderer.render(new TreePath(parent, t));
    }

    /**
     * A method reference to what the companion reaches through a method handle ({@code super::m},
     * {@code this::m} of a protected m of another package): a lambda of the same functional type calling the
     * accessor. Only receivers that are fixed ({@code super}, {@code this}, {@code Outer.this}) or unbound
     * ({@code Type::m}) are rewritten: a lambda would evaluate another receiver expression at each call
     * rather than once.
     */
    private String methodReference(MemberReferenceTree node, ExecutableElement m) {
        if (m.isVarArgs()) {
            throw new Unsupported(node, "'" + node + "': a method reference to a variable-arity method that the "
                    + "companion reaches through a method handle; write a lambda instead");
        }
        TypeMirror fi = c.trees.getTypeMirror(getCurrentPath());
        ExecutableElement sam = access.functionalMethod(fi);
        if (sam == null) {
            throw new Unsupported(node, "'" + node + "': write a lambda instead");
        }
        int arity = sam.getParameters().size();
        ExpressionTree q = node.getQualifierExpression();
        TreePath qp = new TreePath(getCurrentPath(), q);
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        String accessor;
        String receiver = null;
        Element qe = c.trees.getElement(qp);
        Tree sq = q;
        if (Renderer.isSuper(q)) {
            String[] target = access.superCall(q, getCurrentPath(), m, node);
            accessor = target[0];
            receiver = target[1];
        } else if (isStatic) {
            accessor = c.access().call(m, null, access.staticVia(m), node);
        } else if (qe instanceof TypeElement && !(sq instanceof IdentifierTree
                && ((IdentifierTree) sq).getName().contentEquals("this"))) {
            accessor = c.access().call(m, null, access.via(qe.asType(), m), node); // unbound: the first argument
        } else if ((sq instanceof IdentifierTree && ((IdentifierTree) sq).getName().contentEquals("this"))
                || (sq instanceof MemberSelectTree && ((MemberSelectTree) sq).getIdentifier().contentEquals("this"))) {
            accessor = c.access().call(m, null, access.via(c.trees.getTypeMirror(qp), m), node);
            receiver = sub(q);
        } else {
            throw new Unsupported(node, "'" + node + "': " + m.getSimpleName() + " is protected in another "
                    + "package and the receiver is an expression; write a lambda instead");
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            params.add(c.fresh("arg"));
        }
        List<String> args = new ArrayList<>();
        if (receiver != null) {
            args.add(receiver);
        }
        args.addAll(params);
        TypeName type = TypeNames.denotable(c, fi, node);
        return "((" + c.ref(type) + ") (" + String.join(", ", params) + ") -> " + accessor + "("
                + String.join(", ", args) + "))";
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
        Element e = c.trees.getElement(getCurrentPath());
        if ((Renderer.isSuper(node.getQualifierExpression()) && !inLocalClassOf(node.getQualifierExpression()))
                || (e != null && Access.needsHandle(c, e) && !access.plainInLocalClass(getCurrentPath(), e,
                new TreePath(getCurrentPath(), node.getQualifierExpression())))) {
            if (!(e instanceof ExecutableElement) || node.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
                throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class");
            }
            edit(node, methodReference(node, (ExecutableElement) e));
            return null;
        }
        if (e != null && node.getMode() == MemberReferenceTree.ReferenceMode.NEW
                && renderer.capturingLifted.contains(e.getEnclosingElement())) {
            throw capturingCreation(node, e.getEnclosingElement());
        }
        return super.visitMemberReference(node, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree node, Void unused) {
        MemberAccess.HandleField h = access.handleField(new TreePath(getCurrentPath(), node.getVariable()));
        if (h == null) {
            return super.visitAssignment(node, unused);
        }
        edit(node, h.set(sub(node.getExpression()), node));
        return null;
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        TreePath var = new TreePath(getCurrentPath(), node.getVariable());
        MemberAccess.HandleField h = access.handleField(var);
        if (h == null) {
            return super.visitCompoundAssignment(node, unused);
        }
        if (!h.pure) {
            // a computed receiver: evaluated once, into a field of the state machine (set_f's first argument
            // is evaluated before get_f reads the field back, and nothing runs in between)
            TreePath q = new TreePath(var, ((MemberSelectTree) access.stripParens(var).getLeaf()).getExpression());
            TypeName type = TypeNames.denotable(c, c.trees.getTypeMirror(q), node);
            if (type.equals(ClassName.OBJECT)) {
                throw new Unsupported(node, "a compound assignment of a protected field of another package "
                        + "through a receiver of a local class; assign the receiver to a local first");
            }
            String tmp = c.field(type, "receiver");
            h = new MemberAccess.HandleField(c, h.field, tmp, h.via, true);
            TreePath rhs = new TreePath(getCurrentPath(), node.getExpression());
            String cast = Spiller.compoundCast(c, c.trees.getTypeMirror(var), node.getKind(),
                    c.trees.getTypeMirror(rhs));
            edit(node, c.access().field(h.field, h.via, "set", node) + "(" + tmp + " = " + sub(q.getLeaf())
                    + ", " + cast + "(" + h.get(node) + " " + Spiller.operator(node.getKind()) + " ("
                    + sub(node.getExpression()) + ")))");
            return null;
        }
        // E1 op= E2 is E1 = (T) (E1 op E2) with E1's receiver evaluated once (a pure receiver here) and its
        // value read before E2 (JLS 15.26.2)
        TreePath rhs = new TreePath(getCurrentPath(), node.getExpression());
        String cast = Spiller.compoundCast(c, c.trees.getTypeMirror(var), node.getKind(), c.trees.getTypeMirror(rhs));
        edit(node, h.set(cast + "(" + h.get(node) + " " + Spiller.operator(node.getKind()) + " (" + sub(node.getExpression())
                + "))", node));
        return null;
    }

    @Override
    public Void visitUnary(UnaryTree node, Void unused) {
        String op;
        switch (node.getKind()) {
            case PREFIX_INCREMENT: op = "preInc"; break;
            case PREFIX_DECREMENT: op = "preDec"; break;
            case POSTFIX_INCREMENT: op = "postInc"; break;
            case POSTFIX_DECREMENT: op = "postDec"; break;
            default: op = null;
        }
        MemberAccess.HandleField h = op == null ? null : access.handleField(new TreePath(getCurrentPath(), node.getExpression()));
        if (h == null) {
            return super.visitUnary(node, unused);
        }
        edit(node, h.op(op, node)); // the receiver is the accessor's argument: evaluated once
        return null;
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
        Tree id = node.getIdentifier();
        if (id instanceof ParameterizedTypeTree) {
            id = ((ParameterizedTypeTree) id).getType();
        }
        Element e = c.trees.getElement(new TreePath(getCurrentPath(), id));
        if (e != null && renderer.capturingLifted.contains(e) && opaque()) {
            throw capturingCreation(node, e);
        }
        if (e instanceof TypeElement && Access.needsHandle(c, e)) {
            throw new Unsupported(node, "the class " + e.getSimpleName() + " is protected in another package, so"
                    + " the generated companion cannot name it; make it public");
        }
        if (node.getEnclosingExpression() != null) {
            // outer.new Inner(...): the name is resolved as a member of outer's class and must stay simple
            // (javac rejects outer.new Foo.Inner(...)); its type arguments are still rendered as usual
            keep.add(id);
        }
        if (node.getEnclosingExpression() == null && e instanceof TypeElement && classes.isEmpty()
                && ((TypeElement) e).getNestingKind() == NestingKind.MEMBER
                && !e.getModifiers().contains(Modifier.STATIC) && e.getKind() == ElementKind.CLASS) {
            // new Inner() of the receiver (or of an enclosing instance): self.new Inner()
            keep.add(id);
            MemberAccess.Receiver r = access.implicitReceiver(e, node);
            edit(renderer.start(node), renderer.start(node), r.text + ".");
        }
        return super.visitNewClass(node, unused);
    }

    private static Unsupported capturingCreation(Tree at, Element cls) {
        return new Unsupported(at, "the local class " + cls.getSimpleName() + " captures locals and is used after an "
                + "await, so it is created only in the body itself, where the values it captured are current: not "
                + "in a lambda or class body; create the instance outside and pass it in");
    }}
