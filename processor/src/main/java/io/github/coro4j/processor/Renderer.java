package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
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
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

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
                    throw new Unsupported(node, "'super' cannot be reached from the generated companion class");
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

        private String self(Tree at) {
            if (c.self == null) {
                throw new Unsupported(at, "'this' in a static method");
            }
            return c.self;
        }

        private String identifier(IdentifierTree node, Element e) {
            switch (e.getKind()) {
                case LOCAL_VARIABLE:
                case PARAMETER:
                case EXCEPTION_PARAMETER:
                case RESOURCE_VARIABLE:
                case BINDING_VARIABLE: {
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
                    if (e.getModifiers().contains(Modifier.STATIC)) {
                        return typeName(owner) + "." + e.getSimpleName();
                    }
                    if (!c.types.isSubtype(c.types.erasure(c.m.owner.asType()), c.types.erasure(owner.asType()))) {
                        throw new Unsupported(node, "'" + e.getSimpleName() + "' is a member of an enclosing instance,"
                                + " which the companion class cannot reach");
                    }
                    return self(node) + "." + e.getSimpleName();
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
                if (classes.isEmpty() && id.equals("this") && e != null && e.equals(c.m.owner)) {
                    edit(node, self(node));
                    return null;
                }
                if (!classes.isEmpty() && e != null && classes.contains(e)) {
                    return null;
                }
                throw new Unsupported(node, "'" + node + "' cannot be reached from the generated companion class");
            }
            return scan(node.getExpression(), unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            Tree id = node.getIdentifier();
            if (id instanceof ParameterizedTypeTree) {
                id = ((ParameterizedTypeTree) id).getType();
            }
            Element e = c.trees.getElement(new TreePath(getCurrentPath(), id));
            if (node.getEnclosingExpression() == null && e instanceof TypeElement && classes.isEmpty()
                    && ((TypeElement) e).getNestingKind() == NestingKind.MEMBER
                    && !e.getModifiers().contains(Modifier.STATIC) && e.getKind() == ElementKind.CLASS) {
                // new Inner() of the receiver: the companion writes self.new Inner()
                keep.add(id);
                edit(start(node), start(node), self(node) + ".");
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
