package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
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
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Collects the edits of one subtree for {@link Renderer}, in source order: the scanner's state (the lambdas
 * and local classes it is inside), and the edits of names (renamed and captured locals, members reached
 * implicitly, imported types), of bindings, asserts and jumps to lowered targets. The edits of explicit member
 * accesses (super, enclosing instances, method handles) are {@link MemberEdits}'s, which the renderer runs.
 */
abstract class Edits extends TreePathScanner<Void, Void> {
    final Renderer renderer;
    final Ctx c;
    final MemberAccess access;
    private final SourcePositions pos;
    private final Tree root;
    private final List<long[]> spans;
    private final List<String> texts;
    private int lambdas;
    final Deque<TypeElement> classes = new ArrayDeque<>();
    final Set<Tree> keep = Collections.newSetFromMap(new IdentityHashMap<>());

    Edits(Renderer renderer, Tree root, List<long[]> spans, List<String> texts) {
        this.renderer = renderer;
        this.c = renderer.c;
        this.access = renderer.access;
        this.pos = c.trees.getSourcePositions();
        this.root = root;
        this.spans = spans;
        this.texts = texts;
    }

    void edit(Tree t, String text) {
        edit(renderer.start(t), pos.getEndPosition(c.m.unit, t), text);
    }

    void edit(long from, long to, String text) {
        int i = spans.size();
        while (i > 0 && spans.get(i - 1)[0] > from) {
            i--;
        }
        spans.add(i, new long[] {from, to});
        texts.add(i, text);
    }

    String sub(Tree t) {
        return renderer.render(new TreePath(getCurrentPath(), t));
    }

    @Override
    public Void scan(Tree tree, Void unused) {
        if (tree != null && tree != root && pos.getEndPosition(c.m.unit, tree) < 0) {
            // not in the source text: a member javac synthesized (a local record's canonical constructor
            // and accessors), printed by nobody, so nothing in it can be edited
            return null;
        }
        if (tree != null && tree != root && renderer.overrides.containsKey(tree)) {
            edit(tree, renderer.overrides.get(tree));
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

    boolean opaque() {
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
                edit(node, access.self(node));
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
            String imported = renderer.importedName(name);
            if (imported != null) {
                edit(node, c.ref(ClassName.bestGuess(imported)));
            }
            return null;
        }
        String text = identifier(node, e);
        if (e.getKind() == ElementKind.LOCAL_VARIABLE && !isAssigned()) {
            // declared with the first bound of its intersection type: read with all of them
            String cast = TypeNames.intersectionCast(c, e.asType());
            if (cast != null) {
                text = "((" + cast + ") " + (text != null ? text : name) + ")";
            }
        }
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
                String lifted = renderer.liftedCaptures.get(e);
                if (lifted != null) {
                    return lifted;
                }
                String n = c.hoisting.names.get(e);
                if (n != null && opaque() && c.hoisting.hoisted.contains(e)) {
                    return capture(e, n);
                }
                String local = TypeNames.localClass(c, e.asType());
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
                    return handle ? c.access().field((VariableElement) e, access.staticVia(e), "get", node) + "()"
                            : renderer.typeName(owner) + "." + e.getSimpleName();
                }
                MemberAccess.Receiver r = access.implicitReceiver(e, node);
                if (MemberAccess.implicitRecordAccessor(c.trees, e) != null) {
                    return r.text + "." + e.getSimpleName() + "()"; // the private field of a record component
                }
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
                return renderer.typeName(t);
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
        String n = renderer.captureNames.get(e);
        if (n == null) {
            n = c.fresh(field + "_");
            renderer.captureNames.put(e, n);
            TypeName type = TypeNames.denotable(c, e.asType(), null);
            renderer.listing.capture("final " + c.ref(type) + " " + n + " = " + field + "; // captured by a closure");
        }
        return n;
    }

    @Override
    public Void visitVariable(VariableTree node, Void unused) {
        Element e = c.trees.getElement(getCurrentPath());
        String n = e == null ? null : renderer.bindingLocals.getOrDefault(e, c.hoisting.names.get(e));
        if (n != null && !n.contentEquals(node.getName()) && !node.getName().isEmpty()) { // not unnamed (_)
            long from = node.getType() != null && pos.getEndPosition(c.m.unit, node.getType()) > 0
                    ? pos.getEndPosition(c.m.unit, node.getType()) : renderer.start(node);
            long at = renderer.nameAt(from, node.getName().toString());
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
                        renderer.bindingLocals.put(c.trees.getElement(getCurrentPath()), c.fresh(v.getName() + "_"));
                    }
                    return super.visitVariable(v, u);
                }
            }.scan(new TreePath(getCurrentPath(), pattern), null);
            if (!hoisted.isEmpty()) {
                StringBuilder copies = new StringBuilder();
                for (VariableTree v : hoisted) {
                    Element e = c.trees.getElement(new TreePath(getCurrentPath(), v));
                    String field = c.hoisting.names.get(e);
                    copies.append(" && ((").append(field).append(" = ").append(renderer.bindingLocals.get(e))
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
            edit(node, "{ " + renderer.jumps.jump(node, target, false) + " }");
        }
        return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
        Tree target = target(node.getLabel() == null ? null : node.getLabel().toString(), true);
        if (target != null) {
            edit(node, "{ " + renderer.jumps.jump(node, target, true) + " }");
        }
        return null;
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
        if (opaque()) {
            return super.visitReturn(node, unused);
        }
        String v = node.getExpression() == null ? null : sub(node.getExpression());
        edit(node, "{ " + renderer.jumps.returns(v, node.getExpression() == null ? null
                : c.trees.getTypeMirror(new TreePath(getCurrentPath(), node.getExpression()))) + " }");
        return null;
    }

    @Override
    public Void visitYield(YieldTree node, Void unused) {
        for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
            if (p.getLeaf() instanceof SwitchExpressionTree) {
                if (!isInside(p)) {
                    edit(node, "{ " + renderer.jumps.yield(p.getLeaf(), sub(node.getValue())) + " }");
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
                hit = Renderer.isLoop(t) || (!isContinue && t instanceof SwitchTree);
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
