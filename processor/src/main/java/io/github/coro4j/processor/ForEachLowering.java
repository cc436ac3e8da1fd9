package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.util.TreePath;
import io.github.coro4j.processor.Listing.Label;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Desugars an enhanced for loop that awaits, as JLS 14.14.2 does: over an array, an index into a temporary
 * copy of the array reference; over an Iterable, an iterator kept in a field.
 */
final class ForEachLowering {
    private final StateBuilder b;
    private final Ctx c;

    ForEachLowering(StateBuilder b) {
        this.b = b;
        this.c = b.c;
    }

    void lower(TreePath p, EnhancedForLoopTree t, Leaps.Target target, Label top) {
        TreePath exprPath = new TreePath(p, t.getExpression());
        TypeMirror type = c.trees.getTypeMirror(exprPath);
        String expr = b.s.spill(exprPath);
        TreePath varPath = new TreePath(p, t.getVariable());
        Element var = c.trees.getElement(varPath);
        String name = c.hoisting.names.get(var);
        String assign = c.hoisting.hoisted.contains(var) ? name + " = "
                : b.declaredType(varPath, t.getVariable(), var) + " " + name + " = ";
        if (type.getKind() == TypeKind.ARRAY) {
            String array = c.field(TypeNames.denotable(c, type, t), "array");
            String index = c.field(TypeName.INT, "index");
            b.out.line(array + " = " + expr + ";");
            b.out.line(index + " = 0;");
            b.out.mark(top);
            b.out.jumpIf("!(" + index + " < " + array + ".length)", target.brk);
            b.out.line(assign + array + "[" + index + "];");
            b.body(target, new TreePath(p, t.getStatement()));
            b.out.mark(target.cont);
            b.out.line(index + "++;");
        } else {
            TypeName element = TypeNames.denotable(c, elementType(type, t), t);
            String it = c.field(ParameterizedTypeName.get(ClassName.get("java.util", "Iterator"),
                    WildcardTypeName.subtypeOf(element)), "iterator");
            b.out.line(it + " = (" + expr + ").iterator();");
            b.out.mark(top);
            b.out.jumpIf("!" + it + ".hasNext()", target.brk);
            b.out.line(assign + it + ".next();");
            b.body(target, new TreePath(p, t.getStatement()));
            b.out.mark(target.cont);
        }
        b.out.jump(top);
    }

    /** The type argument of Iterable among the supertypes of {@code type}. */
    private TypeMirror elementType(TypeMirror type, EnhancedForLoopTree t) {
        TypeElement iterable = c.elements.getTypeElement("java.lang.Iterable");
        Deque<TypeMirror> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            TypeMirror m = todo.poll();
            if (m.getKind() == TypeKind.DECLARED && ((DeclaredType) m).asElement().equals(iterable)) {
                if (((DeclaredType) m).getTypeArguments().isEmpty()) {
                    return c.elements.getTypeElement("java.lang.Object").asType();
                }
                TypeMirror a = ((DeclaredType) m).getTypeArguments().get(0);
                if (a instanceof WildcardType) {
                    a = ((WildcardType) a).getExtendsBound() != null ? ((WildcardType) a).getExtendsBound()
                            : c.elements.getTypeElement("java.lang.Object").asType();
                }
                return a;
            }
            todo.addAll(c.types.directSupertypes(m));
        }
        throw new Unsupported(t, "an enhanced for over " + type);
    }
}
