package io.github.coro4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * How the companion reaches a member that the body names: through the receiver field ({@code self}), an
 * enclosing instance of an inner class, a static qualification, or for a protected member of another package
 * a method handle of {@link Access} on behalf of the right class ({@code via}). These are decisions about
 * elements and types, separate from the text edits of {@link Edits} that apply them.
 */
final class MemberAccess {
    private final Ctx c;
    private final Renderer renderer;

    MemberAccess(Ctx c, Renderer renderer) {
        this.c = c;
        this.renderer = renderer;
    }

    /** A receiver as written in the companion, and the class whose access reaching its members uses. */
    /**
     * For the field of a record component whose accessor the record does not declare itself, that implicit
     * accessor; otherwise null. Such a field is private by the language, so the companion cannot read it and
     * the user cannot make it package-private; the implicit accessor returns exactly the field, so reading
     * {@code r.x()} instead of {@code r.x} changes nothing. (A declared accessor may return something else,
     * so the field stays a [CoroPrivateAccess] error then.) An implicit accessor has no tree of its own.
     */
    static ExecutableElement implicitRecordAccessor(com.sun.source.util.Trees trees, Element field) {
        if (field == null || field.getKind() != ElementKind.FIELD
                || field.getModifiers().contains(Modifier.STATIC)
                || field.getEnclosingElement().getKind() != ElementKind.RECORD) {
            return null;
        }
        for (javax.lang.model.element.RecordComponentElement rc : javax.lang.model.util.ElementFilter
                .recordComponentsIn(field.getEnclosingElement().getEnclosedElements())) {
            if (rc.getSimpleName().equals(field.getSimpleName())) {
                ExecutableElement accessor = rc.getAccessor();
                return accessor != null && trees.getTree(accessor) == null ? accessor : null;
            }
        }
        return null;
    }

    static final class Receiver {
        final String text;
        final TypeElement via;

        Receiver(String text, TypeElement via) {
            this.text = text;
            this.via = via;
        }
    }

    String self(Tree at) {
        if (c.self == null) {
            throw new Unsupported(at, "'this' in a static method");
        }
        return c.self;
    }

    /**
     * The instance that an unqualified instance member {@code e} belongs to: the receiver if its class has
     * the member, else the innermost enclosing instance whose class has it (an inner class's outer instance,
     * reached through javac's synthetic field, see {@link Access#enclosing}).
     */
    Receiver implicitReceiver(Element e, Tree at) {
        TypeMirror declaring = c.types.erasure(e.getEnclosingElement().asType());
        if (c.types.isSubtype(c.types.erasure(c.m.owner.asType()), declaring)) {
            return new Receiver(self(at), c.m.owner);
        }
        for (Element x = c.m.owner.getEnclosingElement(); x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (c.types.isSubtype(c.types.erasure(x.asType()), declaring)) {
                return new Receiver(outer((TypeElement) x, at), (TypeElement) x);
            }
        }
        throw new Unsupported(at, "'" + e.getSimpleName() + "' belongs to no instance the companion can reach");
    }

    /** The enclosing instance of class {@code x}, from the receiver (an instance of an inner class). */
    String outer(TypeElement x, Tree at) {
        if (x.equals(c.m.owner)) {
            return self(at);
        }
        return c.access().enclosing(x, at) + "(" + self(at) + ")";
    }

    /** The class (the coroutine's or an enclosing one) whose access a protected member of a receiver uses. */
    TypeElement via(TypeMirror receiverType, Element member) {
        TypeMirror t = c.types.erasure(receiverType);
        for (Element x = c.m.owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (c.types.isSubtype(t, c.types.erasure(x.asType()))) {
                return (TypeElement) x;
            }
        }
        return staticVia(member);
    }

    /** For a protected static member: the innermost of the coroutine's class and its enclosing ones that inherits it. */
    TypeElement staticVia(Element member) {
        TypeMirror declaring = c.types.erasure(member.getEnclosingElement().asType());
        for (Element x = c.m.owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (c.types.isSubtype(c.types.erasure(x.asType()), declaring)) {
                return (TypeElement) x;
            }
        }
        return c.m.owner;
    }

    /** Whether {@code t} is the coroutine's class or one whose instance encloses it. */
    boolean enclosesOwner(TypeElement t) {
        for (Element x = c.m.owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (x.equals(t)) {
                return true;
            }
            if (x.getModifiers().contains(Modifier.STATIC)) {
                return false;
            }
        }
        return false;
    }

    static TreePath stripParens(TreePath p) {
        while (p.getLeaf() instanceof ParenthesizedTree) {
            p = new TreePath(p, ((ParenthesizedTree) p.getLeaf()).getExpression());
        }
        return p;
    }

    /** A protected field of another package, as the variable of an assignment: its receiver (null if static). */
    static final class HandleField {
        private final Ctx c;
        final VariableElement field;
        final String receiver;
        final TypeElement via;
        /** Whether the receiver text can be evaluated twice (it has no side effects). */
        final boolean pure;

        HandleField(Ctx c, VariableElement field, String receiver, TypeElement via, boolean pure) {
            this.c = c;
            this.field = field;
            this.receiver = receiver;
            this.via = via;
            this.pure = pure;
        }

        String get(Tree at) {
            return c.access().field(field, via, "get", at) + "(" + (receiver == null ? "" : receiver) + ")";
        }

        String set(String value, Tree at) {
            return c.access().field(field, via, "set", at) + "(" + (receiver == null ? "" : receiver + ", ") + value + ")";
        }

        String op(String op, Tree at) {
            return c.access().field(field, via, op, at) + "(" + (receiver == null ? "" : receiver) + ")";
        }
    }

    /**
     * Whether a protected member is used in the body of a local or anonymous class of the body that inherits it,
     * on that class's own instance (no receiver, {@code this}, {@code super}) or on a receiver of that class's
     * type: such a class is a subclass in the companion too, so the plain access compiles and means the same.
     */
    boolean plainInLocalClass(TreePath at, Element member, TreePath receiver) {
        TypeMirror declaring = c.types.erasure(member.getEnclosingElement().asType());
        for (TreePath p = at; p != null && p.getLeaf() != c.m.tree; p = p.getParentPath()) {
            if (!(p.getLeaf() instanceof ClassTree)) {
                continue;
            }
            Element k = c.trees.getElement(p);
            if (k == null || !c.types.isSubtype(c.types.erasure(k.asType()), declaring)) {
                continue;
            }
            if (receiver == null) {
                return true;
            }
            Tree r = stripParens(receiver).getLeaf();
            if (Renderer.isSuper(r) || (r instanceof IdentifierTree && ((IdentifierTree) r).getName().contentEquals("this"))) {
                return true;
            }
            TypeMirror rt = c.trees.getTypeMirror(receiver);
            if (rt != null && c.types.isSubtype(c.types.erasure(rt), c.types.erasure(k.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** The field at {@code var} if the companion reaches it through a method handle, else null. */
    HandleField handleField(TreePath var) {
        var = stripParens(var);
        Tree t = var.getLeaf();
        if (!(t instanceof IdentifierTree) && !(t instanceof MemberSelectTree)) {
            return null;
        }
        Element e = c.trees.getElement(var);
        if (e == null || e.getKind() != ElementKind.FIELD || !Access.needsHandle(c, e)) {
            return null;
        }
        VariableElement f = (VariableElement) e;
        boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
        if (plainInLocalClass(var, f, t instanceof MemberSelectTree
                ? new TreePath(var, ((MemberSelectTree) t).getExpression()) : null)) {
            return null;
        }
        if (t instanceof IdentifierTree) {
            if (isStatic) {
                return new HandleField(c, f, null, staticVia(f), true);
            }
            Receiver r = implicitReceiver(f, t);
            return new HandleField(c, f, r.text, r.via, true);
        }
        ExpressionTree q = ((MemberSelectTree) t).getExpression();
        TreePath qp = new TreePath(var, q);
        Element qe = c.trees.getElement(qp);
        if (isStatic) {
            if (!(qe instanceof TypeElement) && !Renderer.isSuper(q)) {
                throw new Unsupported(t, "a protected static field of another package through an instance: "
                        + "qualify it by its class name");
            }
            return new HandleField(c, f, null, staticVia(f), true);
        }
        if (Renderer.isSuper(q)) {
            if (q instanceof MemberSelectTree) {
                Element x = c.trees.getElement(new TreePath(qp, ((MemberSelectTree) q).getExpression()));
                if (!(x instanceof TypeElement) || !enclosesOwner((TypeElement) x)) {
                    throw new Unsupported(t, "'" + q + "." + f.getSimpleName() + "' cannot be reached from the "
                            + "generated companion class");
                }
                return new HandleField(c, f, outer((TypeElement) x, t), (TypeElement) x, true);
            }
            return new HandleField(c, f, self(t), c.m.owner, true);
        }
        Tree sq = stripParens(qp).getLeaf();
        boolean pure = sq instanceof IdentifierTree
                || (sq instanceof MemberSelectTree && ((MemberSelectTree) sq).getIdentifier().contentEquals("this"));
        return new HandleField(c, f, renderer.render(qp), via(c.trees.getTypeMirror(qp), f), pure);
    }

    /** The accessor and receiver of {@code super.m}, {@code Iface.super.m} or {@code Outer.super.m}. */
    String[] superCall(ExpressionTree q, TreePath parent, ExecutableElement m, Tree node) {
        TypeElement special;
        TypeElement via = c.m.owner;
        if (q instanceof IdentifierTree) {
            special = (TypeElement) c.types.asElement(c.m.owner.getSuperclass());
        } else {
            Element x = c.trees.getElement(new TreePath(parent, ((MemberSelectTree) q).getExpression()));
            if (x instanceof TypeElement && ((TypeElement) x).getKind().isInterface()) {
                special = (TypeElement) x; // Iface.super.m(): a default method
            } else if (x instanceof TypeElement && enclosesOwner((TypeElement) x)) {
                // Owner.super.m(), or Outer.super.m() of an inner class: with Outer's access, on Outer.this
                via = (TypeElement) x;
                special = (TypeElement) c.types.asElement(via.getSuperclass());
            } else {
                throw new Unsupported(q, "'" + q + "' cannot be reached from the generated companion "
                        + "class; call a method of " + ((MemberSelectTree) q).getExpression()
                        + " that makes the super call instead");
            }
        }
        if (m.getModifiers().contains(Modifier.STATIC)) {
            // super.staticMethod(): a static call; the receiver is not evaluated
            return new String[] {Access.needsHandle(c, m) ? c.access().call(m, null, staticVia(m), node)
                    : renderer.typeName((TypeElement) m.getEnclosingElement()) + "." + m.getSimpleName(), null};
        }
        return new String[] {c.access().call(m, special, via, node), outer(via, node)};
    }

    /** The single abstract method of a functional interface type, or null. */
    ExecutableElement functionalMethod(TypeMirror fi) {
        if (fi == null || fi.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement t = (TypeElement) ((DeclaredType) fi).asElement();
        TypeElement object = c.elements.getTypeElement("java.lang.Object");
        ExecutableElement found = null;
        for (ExecutableElement x : javax.lang.model.util.ElementFilter.methodsIn(c.elements.getAllMembers(t))) {
            if (!x.getModifiers().contains(Modifier.ABSTRACT)) {
                continue;
            }
            boolean objects = false;
            for (ExecutableElement o : javax.lang.model.util.ElementFilter.methodsIn(object.getEnclosedElements())) {
                if (o.getModifiers().contains(Modifier.PUBLIC) && c.elements.overrides(x, o, t)) {
                    objects = true;
                }
            }
            if (objects) {
                continue;
            }
            if (found != null && !c.elements.overrides(x, found, t) && !c.elements.overrides(found, x, t)) {
                return null;
            }
            found = x;
        }
        return found;
    }}
