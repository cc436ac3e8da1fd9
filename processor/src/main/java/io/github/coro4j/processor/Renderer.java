package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Prints a subtree of the body as source for the companion, without touching javac's trees: it copies the
 * original text and applies edits where a name would resolve differently in the companion. Comments and
 * layout survive. The edits:
 * <ul>
 *   <li>locals get their unique names ({@link Hoister}); hoisted locals read inside a lambda or a local class
 *       read a copy made just before the statement, so each closure keeps its own iteration's value;</li>
 *   <li>{@code this} and unqualified instance members go through the receiver field; unqualified static
 *       members are qualified with their class (static imports and inherited statics included); types that
 *       the original file imported are written fully qualified;</li>
 *   <li>a break, continue, return or yield whose target was lowered becomes a jump of the state machine;</li>
 *   <li>{@link #overrides}: subtrees already evaluated into temporaries by the spiller.</li>
 * </ul>
 */
final class Renderer {
    /** A jump leaving the printed subtree for a lowered target; supplied by the state builder. */
    interface Jumps {
        String jump(Tree stmt, Tree target, boolean isContinue);

        String returns(String value, javax.lang.model.type.TypeMirror type);

        String yield(Tree switchExpression, String value);
    }

    private final Ctx c;
    private final SourcePositions pos;
    private final String src;
    final Map<Tree, String> overrides = new IdentityHashMap<>();
    Jumps jumps;
    Listing listing;
    private final Map<Element, String> captureNames = new IdentityHashMap<>();
    /**
     * While a lifted local class is printed: the locals it captures, read from its own fields (copied from the
     * state machine's fields when an instance is created), see {@link LocalClassLifting}.
     */
    final Map<Element, String> liftedCaptures = new IdentityHashMap<>();
    /** Lifted local classes that capture locals: created only where the declaration's values are current. */
    final Set<Element> capturingLifted = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Hoisted bindings of a record pattern in instanceof: the fresh locals they bind before the copy. */
    private final Map<Element, String> bindingLocals = new IdentityHashMap<>();

    Renderer(Ctx c) {
        this.c = c;
        this.pos = c.trees.getSourcePositions();
        this.src = c.m.source;
    }

    /** Forgets the captured copies: they are locals of one statement. */
    void newStatement() {
        captureNames.clear();
    }

    String render(TreePath path) {
        Tree t = path.getLeaf();
        String o = overrides.get(t);
        if (o != null) {
            return o;
        }
        long start = start(t);
        long end = pos.getEndPosition(c.m.unit, t);
        if (start < 0 || end < 0) {
            throw new Unsupported(t, "no source positions for " + t.getKind());
        }
        List<long[]> spans = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        new Edits(t, spans, texts).scan(path, null);
        StringBuilder sb = new StringBuilder();
        long at = start;
        for (int i = 0; i < spans.size(); i++) {
            long[] s = spans.get(i);
            if (s[0] < at) {
                continue; // nested in an edit already made (cannot happen with the scanner below)
            }
            sb.append(src, (int) at, (int) s[0]).append(texts.get(i));
            at = s[1];
        }
        sb.append(src, (int) at, (int) end);
        return sb.toString();
    }

    private long start(Tree t) {
        return pos.getStartPosition(c.m.unit, t);
    }

    /** The name by which the companion refers to type {@code e}. */
    String typeName(TypeElement e) {
        return c.ref(ClassName.get(e));
    }

    /** Collects the edits of one subtree, in source order. */
    private final class Edits extends TreePathScanner<Void, Void> {
        private final Tree root;
        private final List<long[]> spans;
        private final List<String> texts;
        private int lambdas;
        private final Deque<TypeElement> classes = new ArrayDeque<>();
        private final Set<Tree> keep = Collections.newSetFromMap(new IdentityHashMap<>());

        Edits(Tree root, List<long[]> spans, List<String> texts) {
            this.root = root;
            this.spans = spans;
            this.texts = texts;
        }

        private void edit(Tree t, String text) {
            edit(start(t), pos.getEndPosition(c.m.unit, t), text);
        }

        private void edit(long from, long to, String text) {
            int i = spans.size();
            while (i > 0 && spans.get(i - 1)[0] > from) {
                i--;
            }
            spans.add(i, new long[] {from, to});
            texts.add(i, text);
        }

        private String sub(Tree t) {
            return render(new TreePath(getCurrentPath(), t));
        }

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree != null && tree != root && overrides.containsKey(tree)) {
                edit(tree, overrides.get(tree));
                return null;
            }
            return super.scan(tree, unused);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            lambdas++;
            super.visitLambdaExpression(node, unused);
            lambdas--;
            return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            classes.push((TypeElement) c.trees.getElement(getCurrentPath()));
            super.visitClass(node, unused);
            classes.pop();
            return null;
        }

        private boolean opaque() {
            return lambdas > 0 || !classes.isEmpty();
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            if (keep.contains(node)) {
                return null;
            }
            String name = node.getName().toString();
            if (name.equals("this")) {
                if (classes.isEmpty()) {
                    edit(node, self(node));
                }
                return null;
            }
            if (name.equals("super")) {
                if (classes.isEmpty()) {
                    // super.m(...) and super.f are rewritten by their parents; what is left is super::m
                    throw new Unsupported(node, "'super' is reached by the generated companion class only in "
                            + "super.m(...) and super.field; write a lambda instead of the method reference");
                }
                return null;
            }
            Element e = c.trees.getElement(getCurrentPath());
            if (e == null || e.asType().getKind() == javax.lang.model.type.TypeKind.ERROR) {
                // Not resolved in this round: typically a companion generated in this round. The original
                // file may import it; the companion does not, so write the imported name.
                String imported = importedName(name);
                if (imported != null) {
                    edit(node, c.ref(ClassName.bestGuess(imported)));
                }
                return null;
            }
            String text = identifier(node, e);
            if (text != null && !text.equals(name)) {
                edit(node, text);
            }
            return null;
        }

        private String identifier(IdentifierTree node, Element e) {
            switch (e.getKind()) {
                case LOCAL_VARIABLE:
                case PARAMETER:
                case EXCEPTION_PARAMETER:
                case RESOURCE_VARIABLE:
                case BINDING_VARIABLE: {
                    String lifted = liftedCaptures.get(e);
                    if (lifted != null) {
                        return lifted;
                    }
                    String n = c.hoisting.names.get(e);
                    if (n != null && opaque() && c.hoisting.hoisted.contains(e)) {
                        return capture(e, n);
                    }
                    String local = TypeNames.localClass(e.asType());
                    if (n != null && local != null && c.hoisting.hoisted.contains(e) && !isAssigned()) {
                        return "((" + local + ") " + n + ")"; // the field is an Object
                    }
                    return n;
                }
                case FIELD:
                case METHOD:
                case ENUM_CONSTANT: {
                    if (isCaseLabel()) {
                        return null; // enum constants in case labels must stay unqualified
                    }
                    for (TypeElement local : classes) {
                        if (c.types.isSubtype(c.types.erasure(local.asType()),
                                c.types.erasure(e.getEnclosingElement().asType()))) {
                            return null; // a member of the local class itself
                        }
                    }
                    TypeElement owner = (TypeElement) e.getEnclosingElement();
                    boolean handle = Access.needsHandle(c, e);
                    if (handle && e.getKind() != ElementKind.FIELD) {
                        // calls are rewritten by visitMethodInvocation; anything else is not expected here
                        throw new Unsupported(node, "'" + e.getSimpleName() + "' is protected in another package");
                    }
                    if (e.getModifiers().contains(Modifier.STATIC)) {
                        return handle ? c.access().field((VariableElement) e, staticVia(e), "get", node) + "()"
                                : typeName(owner) + "." + e.getSimpleName();
                    }
                    Receiver r = implicitReceiver(e, node);
                    return handle ? c.access().field((VariableElement) e, r.via, "get", node) + "(" + r.text + ")"
                            : r.text + "." + e.getSimpleName();
                }
                case CLASS:
                case INTERFACE:
                case ENUM:
                case RECORD:
                case ANNOTATION_TYPE: {
                    TypeElement t = (TypeElement) e;
                    if (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS) {
                        return null;
                    }
                    if (Access.needsHandle(c, t)) {
                        throw new Unsupported(node, "the class " + t.getSimpleName() + " is protected in another "
                                + "package, so the generated companion cannot name it; make it public");
                    }
                    return typeName(t);
                }
                default:
                    return null;
            }
        }

        private boolean isAssigned() {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            return parent instanceof com.sun.source.tree.AssignmentTree
                    && ((com.sun.source.tree.AssignmentTree) parent).getVariable() == getCurrentPath().getLeaf();
        }

        private boolean isCaseLabel() {
            TreePath p = getCurrentPath().getParentPath();
            return p != null && p.getLeaf() instanceof CaseTree
                    && ((CaseTree) p.getLeaf()).getExpressions().contains(getCurrentPath().getLeaf());
        }

        private String capture(Element e, String field) {
            String n = captureNames.get(e);
            if (n == null) {
                n = c.fresh(field + "_");
                captureNames.put(e, n);
                TypeName type = TypeNames.denotable(c, e.asType(), null);
                listing.capture("final " + c.ref(type) + " " + n + " = " + field + "; // captured by a closure");
            }
            return n;
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
                    edit(node, outer((TypeElement) e, node)); // Owner.this, or Outer.this of an inner class
                    return null;
                }
                throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class"
                        + (id.equals("super") ? "; call a method of " + node.getExpression() + " that makes the "
                        + "super call instead" : ""));
            }
            ExpressionTree q = node.getExpression();
            if (isSuper(q) && !inLocalClassOf(q)) {
                // super.field: the field as a member of the superclass (fields are resolved statically)
                HandleField h = handleField(getCurrentPath());
                Element f = c.trees.getElement(getCurrentPath());
                if (h != null) {
                    edit(node, h.get(node));
                } else if (f != null && f.getModifiers().contains(Modifier.STATIC)) {
                    edit(node, typeName((TypeElement) f.getEnclosingElement()) + "." + id);
                } else if (q instanceof IdentifierTree) {
                    TypeMirror sup = c.m.owner.getSuperclass();
                    edit(node, "((" + c.ref(TypeName.get(sup)) + ") " + self(node) + ")." + id);
                } else {
                    // X.super.f of an enclosing class X: the field as a member of X's superclass
                    Element x = c.trees.getElement(new TreePath(getCurrentPath(), ((MemberSelectTree) q).getExpression()));
                    if (!(x instanceof TypeElement) || !encloses((TypeElement) x)) {
                        throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class");
                    }
                    TypeMirror sup = ((TypeElement) x).getSuperclass();
                    edit(node, "((" + c.ref(TypeName.get(sup)) + ") " + outer((TypeElement) x, node) + ")." + id);
                }
                return null;
            }
            HandleField h = handleField(getCurrentPath());
            if (h != null) {
                edit(node, h.get(node));
                return null;
            }
            return scan(q, unused);
        }

        private boolean encloses(TypeElement t) {
            return enclosesOwner(t);
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
            if (sel instanceof MemberSelectTree && isSuper(((MemberSelectTree) sel).getExpression())) {
                ExpressionTree q = ((MemberSelectTree) sel).getExpression();
                if (inLocalClassOf(q)) {
                    return super.visitMethodInvocation(node, unused);
                }
                String[] target = superCall(q, selPath, m, node);
                accessor = target[0];
                receiver = target[1];
            } else if (Access.needsHandle(c, m) && !plainInLocalClass(getCurrentPath(), m,
                    sel instanceof MemberSelectTree ? new TreePath(selPath, ((MemberSelectTree) sel).getExpression())
                            : null)) {
                boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
                if (sel instanceof IdentifierTree) {
                    if (isStatic) {
                        accessor = c.access().call(m, null, staticVia(m), node);
                    } else {
                        Receiver r = implicitReceiver(m, node);
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
                        accessor = c.access().call(m, null, staticVia(m), node);
                    } else {
                        accessor = c.access().call(m, null, via(c.trees.getTypeMirror(qp), m), node);
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
            return render(new TreePath(parent, t));
        }

        /** The accessor and receiver of {@code super.m}, {@code Iface.super.m} or {@code Outer.super.m}. */
        private String[] superCall(ExpressionTree q, TreePath parent, ExecutableElement m, Tree node) {
            TypeElement special;
            TypeElement via = c.m.owner;
            if (q instanceof IdentifierTree) {
                special = (TypeElement) c.types.asElement(c.m.owner.getSuperclass());
            } else {
                Element x = c.trees.getElement(new TreePath(parent, ((MemberSelectTree) q).getExpression()));
                if (x instanceof TypeElement && ((TypeElement) x).getKind().isInterface()) {
                    special = (TypeElement) x; // Iface.super.m(): a default method
                } else if (x instanceof TypeElement && encloses((TypeElement) x)) {
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
                        : typeName((TypeElement) m.getEnclosingElement()) + "." + m.getSimpleName(), null};
            }
            return new String[] {c.access().call(m, special, via, node), outer(via, node)};
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
            ExecutableElement sam = functionalMethod(fi);
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
            if (isSuper(q)) {
                String[] target = superCall(q, getCurrentPath(), m, node);
                accessor = target[0];
                receiver = target[1];
            } else if (isStatic) {
                accessor = c.access().call(m, null, staticVia(m), node);
            } else if (qe instanceof TypeElement && !(sq instanceof IdentifierTree
                    && ((IdentifierTree) sq).getName().contentEquals("this"))) {
                accessor = c.access().call(m, null, via(qe.asType(), m), node); // unbound: the first argument
            } else if ((sq instanceof IdentifierTree && ((IdentifierTree) sq).getName().contentEquals("this"))
                    || (sq instanceof MemberSelectTree && ((MemberSelectTree) sq).getIdentifier().contentEquals("this"))) {
                accessor = c.access().call(m, null, via(c.trees.getTypeMirror(qp), m), node);
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

        /** The single abstract method of a functional interface type, or null. */
        private ExecutableElement functionalMethod(TypeMirror fi) {
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
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            Element e = c.trees.getElement(getCurrentPath());
            if ((isSuper(node.getQualifierExpression()) && !inLocalClassOf(node.getQualifierExpression()))
                    || (e != null && Access.needsHandle(c, e) && !plainInLocalClass(getCurrentPath(), e,
                    new TreePath(getCurrentPath(), node.getQualifierExpression())))) {
                if (!(e instanceof ExecutableElement) || node.getMode() != MemberReferenceTree.ReferenceMode.INVOKE) {
                    throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class");
                }
                edit(node, methodReference(node, (ExecutableElement) e));
                return null;
            }
            if (e != null && node.getMode() == MemberReferenceTree.ReferenceMode.NEW
                    && capturingLifted.contains(e.getEnclosingElement())) {
                throw capturingCreation(node, e.getEnclosingElement());
            }
            return super.visitMemberReference(node, unused);
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
            HandleField h = handleField(new TreePath(getCurrentPath(), node.getVariable()));
            if (h == null) {
                return super.visitAssignment(node, unused);
            }
            edit(node, h.set(sub(node.getExpression()), node));
            return null;
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            TreePath var = new TreePath(getCurrentPath(), node.getVariable());
            HandleField h = handleField(var);
            if (h == null) {
                return super.visitCompoundAssignment(node, unused);
            }
            if (!h.pure) {
                // a computed receiver: evaluated once, into a field of the state machine (set_f's first argument
                // is evaluated before get_f reads the field back, and nothing runs in between)
                TreePath q = new TreePath(var, ((MemberSelectTree) stripParens(var).getLeaf()).getExpression());
                TypeName type = TypeNames.denotable(c, c.trees.getTypeMirror(q), node);
                if (type.equals(ClassName.OBJECT)) {
                    throw new Unsupported(node, "a compound assignment of a protected field of another package "
                            + "through a receiver of a local class; assign the receiver to a local first");
                }
                String tmp = c.field(type, "receiver");
                h = new HandleField(h.field, tmp, h.via, true);
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
            HandleField h = op == null ? null : handleField(new TreePath(getCurrentPath(), node.getExpression()));
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
            if (e != null && capturingLifted.contains(e) && opaque()) {
                throw capturingCreation(node, e);
            }
            if (e instanceof TypeElement && Access.needsHandle(c, e)) {
                throw new Unsupported(node, "the class " + e.getSimpleName() + " is protected in another package, so"
                        + " the generated companion cannot name it; make it public");
            }
            if (node.getEnclosingExpression() == null && e instanceof TypeElement && classes.isEmpty()
                    && ((TypeElement) e).getNestingKind() == NestingKind.MEMBER
                    && !e.getModifiers().contains(Modifier.STATIC) && e.getKind() == ElementKind.CLASS) {
                // new Inner() of the receiver (or of an enclosing instance): self.new Inner()
                keep.add(id);
                Receiver r = implicitReceiver(e, node);
                edit(start(node), start(node), r.text + ".");
            }
            return super.visitNewClass(node, unused);
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            Element e = c.trees.getElement(getCurrentPath());
            String n = e == null ? null : bindingLocals.getOrDefault(e, c.hoisting.names.get(e));
            if (n != null && !n.contentEquals(node.getName()) && !node.getName().isEmpty()) { // not unnamed (_)
                long from = node.getType() != null && pos.getEndPosition(c.m.unit, node.getType()) > 0
                        ? pos.getEndPosition(c.m.unit, node.getType()) : start(node);
                long at = nameAt(from, node.getName().toString());
                edit(at, at + node.getName().length(), n);
            }
            return super.visitVariable(node, unused);
        }

        @Override
        public Void visitInstanceOf(InstanceOfTree node, Void unused) {
            Tree pattern = node.getPattern();
            if (pattern instanceof BindingPatternTree) {
                VariableTree v = ((BindingPatternTree) pattern).getVariable();
                Element e = c.trees.getElement(new TreePath(new TreePath(getCurrentPath(), pattern), v));
                if (c.hoisting.hoisted.contains(e)) {
                    // The binding lives across a suspension: bind a fresh local, then copy it into the field.
                    String local = c.fresh(v.getName() + "_");
                    String field = c.hoisting.names.get(e);
                    edit(node, "(" + sub(node.getExpression()) + " instanceof " + sub(v.getType()) + " " + local
                            + " && (" + field + " = " + local + ") != null)");
                    return null;
                }
            } else if (pattern != null) {
                // A record pattern (Java 21): its hoisted bindings bind fresh locals that are then copied into
                // the fields; the copy is true whatever the value (a primitive component included).
                List<VariableTree> hoisted = new ArrayList<>();
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitVariable(VariableTree v, Void u) {
                        if (c.hoisting.hoisted.contains(c.trees.getElement(getCurrentPath()))) {
                            hoisted.add(v);
                            bindingLocals.put(c.trees.getElement(getCurrentPath()), c.fresh(v.getName() + "_"));
                        }
                        return super.visitVariable(v, u);
                    }
                }.scan(new TreePath(getCurrentPath(), pattern), null);
                if (!hoisted.isEmpty()) {
                    StringBuilder copies = new StringBuilder();
                    for (VariableTree v : hoisted) {
                        Element e = c.trees.getElement(new TreePath(getCurrentPath(), v));
                        String field = c.hoisting.names.get(e);
                        copies.append(" && ((").append(field).append(" = ").append(bindingLocals.get(e))
                                .append(") == ").append(field).append(" || true)");
                    }
                    String text = "(" + sub(node.getExpression()) + " instanceof " + sub(pattern) + copies + ")";
                    edit(node, text);
                    return null;
                }
            }
            return super.visitInstanceOf(node, unused);
        }

        /**
         * An assert copied into the companion would follow the companion's assertion status: test the
         * original class's instead ({@link Ctx#assertionsDisabled}). A block, so that it stays one statement
         * wherever the assert was (a following else cannot attach to the if).
         */
        @Override
        public Void visitAssert(com.sun.source.tree.AssertTree node, Void unused) {
            String detail = node.getDetail() == null ? "" : sub(node.getDetail());
            edit(node, "{ if (!" + c.assertionsDisabled() + " && !(" + sub(node.getCondition())
                    + ")) throw new " + c.ref(ClassName.get(AssertionError.class)) + "(" + detail + "); }");
            return null;
        }

        @Override
        public Void visitBreak(BreakTree node, Void unused) {
            Tree target = target(node.getLabel() == null ? null : node.getLabel().toString(), false);
            if (target != null) {
                edit(node, "{ " + jumps.jump(node, target, false) + " }");
            }
            return null;
        }

        @Override
        public Void visitContinue(ContinueTree node, Void unused) {
            Tree target = target(node.getLabel() == null ? null : node.getLabel().toString(), true);
            if (target != null) {
                edit(node, "{ " + jumps.jump(node, target, true) + " }");
            }
            return null;
        }

        @Override
        public Void visitReturn(ReturnTree node, Void unused) {
            if (opaque()) {
                return super.visitReturn(node, unused);
            }
            String v = node.getExpression() == null ? null : sub(node.getExpression());
            edit(node, "{ " + jumps.returns(v, node.getExpression() == null ? null
                    : c.trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()))) + " }");
            return null;
        }

        @Override
        public Void visitYield(YieldTree node, Void unused) {
            for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof SwitchExpressionTree) {
                    if (!isInside(p)) {
                        edit(node, "{ " + jumps.yield(p.getLeaf(), sub(node.getValue())) + " }");
                        return null;
                    }
                    break;
                }
            }
            return super.visitYield(node, unused);
        }

        /** The target of a break or continue if it lies outside the printed subtree, else null. */
        private Tree target(String label, boolean isContinue) {
            if (opaque()) {
                return null;
            }
            for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
                Tree t = p.getLeaf();
                boolean hit;
                if (label != null) {
                    hit = t instanceof LabeledStatementTree
                            && ((LabeledStatementTree) t).getLabel().contentEquals(label);
                } else {
                    hit = isLoop(t) || (!isContinue && t instanceof SwitchTree);
                }
                if (hit) {
                    return isInside(p) ? null : t;
                }
            }
            return null;
        }

        private boolean isInside(TreePath p) {
            for (TreePath q = p; q != null; q = q.getParentPath()) {
                if (q.getLeaf() == root) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A receiver as written in the companion, and the class whose access reaching its members uses. */
    private static final class Receiver {
        final String text;
        final TypeElement via;

        Receiver(String text, TypeElement via) {
            this.text = text;
            this.via = via;
        }
    }

    private String self(Tree at) {
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
    private Receiver implicitReceiver(Element e, Tree at) {
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
    private String outer(TypeElement x, Tree at) {
        if (x.equals(c.m.owner)) {
            return self(at);
        }
        return c.access().enclosing(x, at) + "(" + self(at) + ")";
    }

    /** The class (the coroutine's or an enclosing one) whose access a protected member of a receiver uses. */
    private TypeElement via(TypeMirror receiverType, Element member) {
        TypeMirror t = c.types.erasure(receiverType);
        for (Element x = c.m.owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (c.types.isSubtype(t, c.types.erasure(x.asType()))) {
                return (TypeElement) x;
            }
        }
        return staticVia(member);
    }

    /** For a protected static member: the innermost of the coroutine's class and its enclosing ones that inherits it. */
    private TypeElement staticVia(Element member) {
        TypeMirror declaring = c.types.erasure(member.getEnclosingElement().asType());
        for (Element x = c.m.owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (c.types.isSubtype(c.types.erasure(x.asType()), declaring)) {
                return (TypeElement) x;
            }
        }
        return c.m.owner;
    }

    /** Whether {@code t} is the coroutine's class or one whose instance encloses it. */
    private boolean enclosesOwner(TypeElement t) {
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

    static boolean isSuper(Tree t) {
        return (t instanceof IdentifierTree && ((IdentifierTree) t).getName().contentEquals("super"))
                || (t instanceof MemberSelectTree && ((MemberSelectTree) t).getIdentifier().contentEquals("super"));
    }

    private static TreePath stripParens(TreePath p) {
        while (p.getLeaf() instanceof ParenthesizedTree) {
            p = new TreePath(p, ((ParenthesizedTree) p.getLeaf()).getExpression());
        }
        return p;
    }

    /** A protected field of another package, as the variable of an assignment: its receiver (null if static). */
    private final class HandleField {
        final VariableElement field;
        final String receiver;
        final TypeElement via;
        /** Whether the receiver text can be evaluated twice (it has no side effects). */
        final boolean pure;

        HandleField(VariableElement field, String receiver, TypeElement via, boolean pure) {
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
    private boolean plainInLocalClass(TreePath at, Element member, TreePath receiver) {
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
            if (isSuper(r) || (r instanceof IdentifierTree && ((IdentifierTree) r).getName().contentEquals("this"))) {
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
    private HandleField handleField(TreePath var) {
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
                return new HandleField(f, null, staticVia(f), true);
            }
            Receiver r = implicitReceiver(f, t);
            return new HandleField(f, r.text, r.via, true);
        }
        ExpressionTree q = ((MemberSelectTree) t).getExpression();
        TreePath qp = new TreePath(var, q);
        Element qe = c.trees.getElement(qp);
        if (isStatic) {
            if (!(qe instanceof TypeElement) && !isSuper(q)) {
                throw new Unsupported(t, "a protected static field of another package through an instance: "
                        + "qualify it by its class name");
            }
            return new HandleField(f, null, staticVia(f), true);
        }
        if (isSuper(q)) {
            if (q instanceof MemberSelectTree) {
                Element x = c.trees.getElement(new TreePath(qp, ((MemberSelectTree) q).getExpression()));
                if (!(x instanceof TypeElement) || !enclosesOwner((TypeElement) x)) {
                    throw new Unsupported(t, "'" + q + "." + f.getSimpleName() + "' cannot be reached from the "
                            + "generated companion class");
                }
                return new HandleField(f, outer((TypeElement) x, t), (TypeElement) x, true);
            }
            return new HandleField(f, self(t), c.m.owner, true);
        }
        Tree sq = stripParens(qp).getLeaf();
        boolean pure = sq instanceof IdentifierTree
                || (sq instanceof MemberSelectTree && ((MemberSelectTree) sq).getIdentifier().contentEquals("this"));
        return new HandleField(f, render(qp), via(c.trees.getTypeMirror(qp), f), pure);
    }

    /** Whether the variable at {@code var} is written through a method handle (not a plain lvalue). */
    boolean viaHandle(TreePath var) {
        return handleField(var) != null;
    }

    /** {@code var = value} for a variable written through a method handle; null for a plain variable. */
    String assignVia(TreePath var, String value) {
        HandleField h = handleField(var);
        return h == null ? null : h.set(value, var.getLeaf());
    }

    private static Unsupported capturingCreation(Tree at, Element cls) {
        return new Unsupported(at, "the local class " + cls.getSimpleName() + " captures locals and is used after an "
                + "await, so it is created only in the body itself, where the values it captured are current: not "
                + "in a lambda or class body; create the instance outside and pass it in");
    }

    /** The qualified name of a single-type import of the original file with this simple name, if any. */
    private String importedName(String simple) {
        for (com.sun.source.tree.ImportTree i : c.m.unit.getImports()) {
            String q = i.getQualifiedIdentifier().toString();
            if (!i.isStatic() && q.endsWith("." + simple)) {
                return q;
            }
        }
        return null;
    }

    static boolean isLoop(Tree t) {
        return t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
                || t instanceof EnhancedForLoopTree;
    }

    private long nameAt(long from, String name) {
        String s = src;
        int i = (int) from;
        while (true) {
            i = s.indexOf(name, i);
            if (i < 0) {
                throw new IllegalStateException("name not found: " + name);
            }
            boolean before = i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1));
            boolean after = i + name.length() >= s.length()
                    || !Character.isJavaIdentifierPart(s.charAt(i + name.length()));
            if (before && after) {
                return i;
            }
            i++;
        }
    }
}
