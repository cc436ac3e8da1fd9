package io.github.coro4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.Tree;
import java.util.List;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;

/**
 * Turns the type of an expression into a type that can be written in a field declaration. javac computes
 * types that Java source cannot denote (captured wildcards, intersections, the null type, anonymous
 * classes, catch unions); a temporary of such a type gets the nearest denotable supertype.
 */
final class TypeNames {
    private TypeNames() {}

    static TypeName denotable(Ctx c, TypeMirror t, Tree at) {
        return denotable(c, t, at, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    /** {@code seen}: the captured variables being written, to stop at F-bounds ({@code Enum<CAP>}). */
    private static TypeName denotable(Ctx c, TypeMirror t, Tree at, java.util.Set<TypeMirror> seen) {
        if (mentionsLocal(t)) {
            // a field cannot name a local class (it is declared inside step()): the field is an Object, cast
            // back where it is read (localClass)
            return ClassName.OBJECT;
        }
        switch (t.getKind()) {
            case NULL:
                return ClassName.OBJECT;
            case INTERSECTION:
                return denotable(c, ((IntersectionType) t).getBounds().get(0), at, seen);
            case UNION:
                return denotable(c, lub(c, ((UnionType) t).getAlternatives()), at, seen);
            case TYPEVAR:
                if (t.toString().contains("capture#")) {
                    return denotable(c, ((TypeVariable) t).getUpperBound(), at, seen);
                }
                return TypeName.get(t);
            case DECLARED: {
                DeclaredType d = (DeclaredType) t;
                TypeElement e = (TypeElement) d.asElement();
                if (e.getNestingKind() == NestingKind.ANONYMOUS || e.getNestingKind() == NestingKind.LOCAL) {
                    if (e.getNestingKind() == NestingKind.LOCAL) {
                        return ClassName.OBJECT; // kept as Object, cast back where used (localClass)
                    }
                    List<? extends TypeMirror> ifaces = e.getInterfaces();
                    TypeMirror sup = ifaces.isEmpty() ? e.getSuperclass() : ifaces.get(0);
                    return denotable(c, sup, at, seen);
                }
                if (d.getTypeArguments().isEmpty()) {
                    return TypeName.get(c.types.erasure(t));
                }
                TypeName[] args = new TypeName[d.getTypeArguments().size()];
                for (int i = 0; i < args.length; i++) {
                    TypeMirror a = d.getTypeArguments().get(i);
                    if (a.getKind() == TypeKind.TYPEVAR && a.toString().contains("capture#")) {
                        // the wildcard it captured, bounds included: List<capture of ? super Integer> is
                        // List<? super Integer> (a plain ? would reject add(Integer), lose get()'s Number)
                        TypeVariable v = (TypeVariable) a;
                        TypeMirror lower = v.getLowerBound();
                        TypeMirror upper = v.getUpperBound();
                        boolean added = seen.add(a);
                        if (!added) {
                            args[i] = WildcardTypeName.subtypeOf(Object.class); // F-bounded: Enum<?> inside
                        } else if (lower != null && lower.getKind() != TypeKind.NULL && lower.getKind() != TypeKind.NONE) {
                            args[i] = WildcardTypeName.supertypeOf(denotable(c, lower, at, seen));
                        } else if (upper != null && !c.types.isSameType(upper,
                                c.elements.getTypeElement("java.lang.Object").asType())) {
                            args[i] = WildcardTypeName.subtypeOf(denotable(c, upper, at, seen));
                        } else {
                            args[i] = WildcardTypeName.subtypeOf(Object.class);
                        }
                        if (added) {
                            seen.remove(a);
                        }
                    } else if (a.getKind() == TypeKind.WILDCARD) {
                        WildcardType w = (WildcardType) a;
                        args[i] = w.getExtendsBound() != null
                                ? WildcardTypeName.subtypeOf(denotable(c, w.getExtendsBound(), at, seen))
                                : w.getSuperBound() != null
                                        ? WildcardTypeName.supertypeOf(denotable(c, w.getSuperBound(), at, seen))
                                        : WildcardTypeName.subtypeOf(Object.class);
                    } else {
                        args[i] = denotable(c, a, at, seen);
                    }
                }
                TypeName raw = TypeName.get(c.types.erasure(t));
                return ParameterizedTypeName.get((ClassName) raw, args);
            }
            case ERROR:
                throw new Unsupported(at, "a type that does not resolve: " + t);
            default:
                return TypeName.get(t);
        }
    }

    /**
     * For an intersection type ({@code var r = c ? new StringBuilder() : "s"} is Serializable & Comparable<..>
     * & CharSequence), the cast that gives a variable of its first bound (the field or local declared with
     * {@link #denotable}) the full type back, {@code (Serializable & Comparable<?> & CharSequence)}, so that
     * members of every bound stay callable; null for other types.
     */
    static String intersectionCast(Ctx c, TypeMirror t) {
        if (t.getKind() != TypeKind.INTERSECTION) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (TypeMirror bound : ((IntersectionType) t).getBounds()) {
            TypeName n = denotable(c, bound, null);
            if (n instanceof ParameterizedTypeName) {
                c.uncheckedCasts = true; // Comparable<? extends ..> from the first bound: right by construction
            }
            b.append(b.length() == 0 ? "" : " & ").append(c.ref(n));
        }
        return b.toString();
    }

    /** The simple name of {@code t} if it is a local class (a temporary of it is an Object), else null. */
    static String localClass(Ctx c, TypeMirror t) {
        if (!mentionsLocal(t)) {
            return null;
        }
        String text = text(c, t);
        if (text.contains("<")) {
            c.uncheckedCasts = true; // (List<Pair>) of an Object field: unchecked, and right by construction
        }
        return text;
    }

    /** Whether the type is, or has among its type arguments or components, a local class, record, enum... */
    static boolean mentionsLocal(TypeMirror t) {
        switch (t.getKind()) {
            case ARRAY:
                return mentionsLocal(((javax.lang.model.type.ArrayType) t).getComponentType());
            case WILDCARD: {
                WildcardType w = (WildcardType) t;
                return (w.getExtendsBound() != null && mentionsLocal(w.getExtendsBound()))
                        || (w.getSuperBound() != null && mentionsLocal(w.getSuperBound()));
            }
            case DECLARED: {
                DeclaredType d = (DeclaredType) t;
                if (((TypeElement) d.asElement()).getNestingKind() == NestingKind.LOCAL) {
                    return true;
                }
                for (TypeMirror a : d.getTypeArguments()) {
                    if (mentionsLocal(a)) {
                        return true;
                    }
                }
                return d.getEnclosingType().getKind() == TypeKind.DECLARED && mentionsLocal(d.getEnclosingType());
            }
            default:
                return false;
        }
    }

    /** Source text of a type that mentions a local class, valid inside step() where local classes are lifted. */
    private static String text(Ctx c, TypeMirror t) {
        switch (t.getKind()) {
            case ARRAY:
                return text(c, ((javax.lang.model.type.ArrayType) t).getComponentType()) + "[]";
            case WILDCARD: {
                WildcardType w = (WildcardType) t;
                return w.getExtendsBound() != null ? "? extends " + text(c, w.getExtendsBound())
                        : w.getSuperBound() != null ? "? super " + text(c, w.getSuperBound()) : "?";
            }
            case DECLARED: {
                DeclaredType d = (DeclaredType) t;
                TypeElement e = (TypeElement) d.asElement();
                StringBuilder b = new StringBuilder(e.getNestingKind() == NestingKind.LOCAL
                        ? e.getSimpleName().toString() : c.ref(ClassName.get(e)));
                if (!d.getTypeArguments().isEmpty()) {
                    b.append('<');
                    for (int i = 0; i < d.getTypeArguments().size(); i++) {
                        b.append(i > 0 ? ", " : "").append(text(c, d.getTypeArguments().get(i)));
                    }
                    b.append('>');
                }
                return b.toString();
            }
            default:
                return c.ref(denotable(c, t, null));
        }
    }

    /** The least upper bound of catch alternatives: their nearest common superclass. */
    static TypeMirror lub(Ctx c, List<? extends TypeMirror> alternatives) {
        TypeMirror r = alternatives.get(0);
        for (TypeMirror a : alternatives) {
            while (!c.types.isSubtype(a, r)) {
                r = ((TypeElement) c.types.asElement(r)).getSuperclass();
            }
        }
        return r;
    }
}
