package io.github.coro4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;

/**
 * Lifts a local class declaration that is used after an await to the top of step(), with a field per local
 * of the method that it captures. Separate from {@link StateBuilder} because it is about class bodies and
 * captured values, not control flow; the renderer reads the captures through {@link Renderer#liftedCaptures}.
 */
final class LocalClassLifting {
    private final StateBuilder b;
    private final Ctx c;

    LocalClassLifting(StateBuilder b) {
        this.b = b;
        this.c = b.c;
    }

    /** Whether an await follows the declaration at {@code p} in its block or case: the class may be used after it. */
    boolean livesAcrossAwait(TreePath p) {
        Tree parent = p.getParentPath().getLeaf();
        List<? extends StatementTree> stmts = parent instanceof BlockTree ? ((BlockTree) parent).getStatements()
                : parent instanceof CaseTree ? ((CaseTree) parent).getStatements() : List.of();
        int i = stmts.indexOf(p.getLeaf());
        return i >= 0 && c.awaits.inAny(stmts.subList(i + 1, stmts.size()));
    }

    /**
     * A local class used across an await: a local class of the case it is declared in would be out of scope
     * in later states, so it is declared at the top of step() instead, where all states see it. The locals of
     * the method that it captures are not in scope there; they are hoisted (their scope spans the await), so
     * the class gets a final field per captured local, initialised from the state machine's field when an
     * instance is created. That is the value the declaration captured: a captured local is effectively final,
     * and an instance is created only in the body after the declaration, within the local's scope (a loop's
     * next iteration declares the class anew, and the instances of the previous one keep their own copies).
     * Creating one in a lambda or class body, which could run after the scope is left, is an error.
     */
    void lift(TreePath p, ClassTree t) {
        Element cls = c.trees.getElement(p);
        java.util.Map<Element, String> captured = new java.util.LinkedHashMap<>();
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = c.trees.getElement(getCurrentPath());
                if (e != null && c.hoisting.names.containsKey(e) && !inside(e) && !captured.containsKey(e)) {
                    if (!c.hoisting.hoisted.contains(e)) {
                        throw new Unsupported(node, "the local class " + t.getSimpleName() + " captures the local '"
                                + node.getName() + "' and is used after an await; declare it after the last await, "
                                + "or pass the value to its constructor");
                    }
                    captured.put(e, c.fresh(c.hoisting.names.get(e) + "_captured"));
                }
                return null;
            }

            private boolean inside(Element e) {
                for (Element x = e; x != null; x = x.getEnclosingElement()) {
                    if (x.equals(cls)) {
                        return true;
                    }
                }
                return false;
            }
        }.scan(p, null);
        for (String other : c.liftedClasses) {
            if (other.startsWith("// " + t.getSimpleName() + "\n")) {
                throw new Unsupported(t, "two local classes named " + t.getSimpleName() + " used across awaits");
            }
        }
        String text;
        if (captured.isEmpty()) {
            text = b.reindent(t, b.r.render(p));
        } else {
            superclassMayReadCaptures(t, (javax.lang.model.element.TypeElement) cls);
            b.r.capturingLifted.add(cls);
            b.r.liftedCaptures.putAll(captured);
            try {
                text = b.reindent(t, b.r.render(p));
            } finally {
                b.r.liftedCaptures.clear();
            }
            StringBuilder fields = new StringBuilder();
            for (java.util.Map.Entry<Element, String> e : captured.entrySet()) {
                javax.lang.model.type.TypeMirror type = e.getKey().asType();
                String local = TypeNames.localClass(c, type);
                String field = c.hoisting.names.get(e.getKey());
                fields.append("\n    // the captured local '").append(e.getKey().getSimpleName())
                        .append("': copied when an instance is created, the value of the declaration in scope\n")
                        .append("    private final ").append(local != null ? local : c.ref(TypeNames.denotable(c, type, t)))
                        .append(' ').append(e.getValue()).append(" = ")
                        .append(local != null ? "((" + local + ") " + field + ")" : field).append(';');
            }
            int name = wordAt(text, t.getSimpleName().toString(), text.indexOf("class"));
            int brace = text.indexOf('{', name);
            text = text.substring(0, brace + 1) + fields + text.substring(brace + 1);
        }
        c.liftedClasses.add("// " + t.getSimpleName() + "\n" + text);
        b.out.line("// (declared at the top of step(): it is used after an await)");
    }

    /**
     * javac stores captured values before the superclass constructor runs, the lifted class's fields after it:
     * a superclass constructor that calls a method the local class overrides would see them unset. That is an
     * error rather than a different result.
     */
    private void superclassMayReadCaptures(ClassTree t, javax.lang.model.element.TypeElement cls) {
        javax.lang.model.type.TypeMirror sup = cls.getSuperclass();
        if (sup.getKind() != TypeKind.DECLARED || ((javax.lang.model.element.TypeElement) c.types.asElement(sup))
                .getQualifiedName().contentEquals("java.lang.Object")) {
            return;
        }
        javax.lang.model.element.TypeElement superclass = (javax.lang.model.element.TypeElement) c.types.asElement(sup);
        for (javax.lang.model.element.ExecutableElement m
                : javax.lang.model.util.ElementFilter.methodsIn(cls.getEnclosedElements())) {
            for (javax.lang.model.element.ExecutableElement o
                    : javax.lang.model.util.ElementFilter.methodsIn(c.elements.getAllMembers(superclass))) {
                if (c.elements.overrides(m, o, cls)) {
                    throw new Unsupported(t, "the local class " + t.getSimpleName() + " captures locals, is used "
                            + "after an await and overrides " + o.getSimpleName() + " of its superclass, whose "
                            + "constructor could call it before the captured values are set in the generated code;"
                            + " pass the values to its constructor instead");
                }
            }
        }
    }

    private static int wordAt(String s, String word, int from) {
        for (int i = s.indexOf(word, Math.max(from, 0)); i >= 0; i = s.indexOf(word, i + 1)) {
            boolean before = i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1));
            boolean after = i + word.length() >= s.length() || !Character.isJavaIdentifierPart(s.charAt(i + word.length()));
            if (before && after) {
                return i;
            }
        }
        throw new IllegalStateException("no " + word + " in " + s);
    }}
