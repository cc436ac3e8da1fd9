package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
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
 * The edits are collected by {@link Edits} and {@link MemberEdits}; how a member is reached is decided by
 * {@link MemberAccess}. This class holds what outlives one scan: the overrides, the captured copies of the
 * statement, the lifted classes' captures.
 */
final class Renderer {
    /** A jump leaving the printed subtree for a lowered target; supplied by the state builder. */
    interface Jumps {
        String jump(Tree stmt, Tree target, boolean isContinue);

        String returns(String value, javax.lang.model.type.TypeMirror type);

        String yield(Tree switchExpression, String value);
    }

    final Ctx c;
    private final SourcePositions pos;
    private final String src;
    final MemberAccess access;
    final Map<Tree, String> overrides = new IdentityHashMap<>();
    Jumps jumps;
    Listing listing;
    final Map<Element, String> captureNames = new IdentityHashMap<>();
    /**
     * While a lifted local class is printed: the locals it captures, read from its own fields (copied from the
     * state machine's fields when an instance is created), see {@link LocalClassLifting}.
     */
    final Map<Element, String> liftedCaptures = new IdentityHashMap<>();
    /** Lifted local classes that capture locals: created only where the declaration's values are current. */
    final Set<Element> capturingLifted = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Hoisted bindings of a record pattern in instanceof: the fresh locals they bind before the copy. */
    final Map<Element, String> bindingLocals = new IdentityHashMap<>();

    Renderer(Ctx c) {
        this.c = c;
        this.pos = c.trees.getSourcePositions();
        this.src = c.m.source;
        this.access = new MemberAccess(c, this);
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
        new MemberEdits(this, t, spans, texts).scan(path, null);
        StringBuilder sb = new StringBuilder();
        long at = start;
        for (int i = 0; i < spans.size(); i++) {
            long[] s = spans.get(i);
            if (s[0] < at) {
                continue; // nested in an edit already made (cannot happen with the scanner)
            }
            sb.append(src, (int) at, (int) s[0]).append(texts.get(i));
            at = s[1];
        }
        sb.append(src, (int) at, (int) end);
        return sb.toString();
    }

    long start(Tree t) {
        return pos.getStartPosition(c.m.unit, t);
    }

    /** The name by which the companion refers to type {@code e}. */
    String typeName(TypeElement e) {
        return c.ref(ClassName.get(e));
    }

    static boolean isSuper(Tree t) {
        return (t instanceof IdentifierTree && ((IdentifierTree) t).getName().contentEquals("super"))
                || (t instanceof MemberSelectTree && ((MemberSelectTree) t).getIdentifier().contentEquals("super"));
    }

    /** Whether the variable at {@code var} is written through a method handle (not a plain lvalue). */
    boolean viaHandle(TreePath var) {
        return access.handleField(var) != null;
    }

    /** {@code var = value} for a variable written through a method handle; null for a plain variable. */
    String assignVia(TreePath var, String value) {
        MemberAccess.HandleField h = access.handleField(var);
        return h == null ? null : h.set(value, var.getLeaf());
    }

    static boolean isLoop(Tree t) {
        return t instanceof WhileLoopTree || t instanceof DoWhileLoopTree || t instanceof ForLoopTree
                || t instanceof EnhancedForLoopTree;
    }

    /** The qualified name of a single-type import of the original file with this simple name, if any. */
    String importedName(String simple) {
        for (com.sun.source.tree.ImportTree i : c.m.unit.getImports()) {
            String q = i.getQualifiedIdentifier().toString();
            if (!i.isStatic() && q.endsWith("." + simple)) {
                return q;
            }
        }
        return null;
    }

    /** Where the identifier {@code name} next occurs in the source from {@code from}, as a whole word. */
    long nameAt(long from, String name) {
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
