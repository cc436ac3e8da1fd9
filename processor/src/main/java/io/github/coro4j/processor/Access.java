package io.github.coro4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePathScanner;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What the companion cannot name but the original class can: {@code super.m(...)}, protected members
 * inherited from a superclass of another package, and the enclosing instance of an inner class. The companion
 * is in the class's package but is neither the class nor a subclass, so javac rejects such code in it; the
 * JVM allows it to a lookup with the class's own access, which {@code MethodHandles.privateLookupIn(Owner.class,
 * MethodHandles.lookup())} gives to code of the same package and module. Each member reached is a
 * {@code private static final MethodHandle} of a nested holder class of the state machine (initialised when
 * first used, by the JVM's class initialisation), called through a static accessor method with the member's
 * own types: arguments convert as in the original call, checked exceptions are declared as the member
 * declares them, and an exception thrown by the member propagates as itself. Private members are never
 * reached this way: they stay a {@code [CoroPrivateAccess]} error.
 */
final class Access {
    private final Ctx c;
    /** The simple name of the holder class, unique against the types the body names. */
    final String holder;
    private final NameAllocator names = new NameAllocator();
    private final Map<String, String> accessors = new LinkedHashMap<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<MethodSpec> methods = new ArrayList<>();
    private final CodeBlock.Builder init = CodeBlock.builder();
    private final Map<TypeElement, String> lookups = new LinkedHashMap<>();
    private boolean usesEnclosing;
    /** The handle of the synthetic enclosing-instance field of each inner class on the way out. */
    private final Map<TypeElement, String> hops = new LinkedHashMap<>();

    Access(Ctx c) {
        this.c = c;
        Set<String> taken = new HashSet<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree node, Void unused) {
                taken.add(node.getSimpleName().toString());
                return super.visitClass(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                taken.add(node.getName().toString());
                return null;
            }
        }.scan(c.m.path, null);
        for (TypeParameterElement t : c.m.owner.getTypeParameters()) {
            taken.add(t.getSimpleName().toString());
        }
        for (TypeParameterElement t : c.m.element.getTypeParameters()) {
            taken.add(t.getSimpleName().toString());
        }
        // a nested class may not have the name of a class it is nested in (the state machine is named for the
        // method), and must not hide the class or its enclosing classes, which the body may name
        String method = c.m.element.getSimpleName().toString();
        taken.add(Character.toUpperCase(method.charAt(0)) + method.substring(1));
        for (Element e = c.m.owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            taken.add(e.getSimpleName().toString());
        }
        String h = "Access";
        for (int i = 1; taken.contains(h); i++) {
            h = "Access" + i;
        }
        this.holder = h;
        names.newName("enclosingInstance"); // the helper of build()
    }

    /** Whether member {@code e} is protected and declared in another package than the companion's. */
    static boolean needsHandle(Ctx c, Element e) {
        if (!e.getModifiers().contains(Modifier.PROTECTED)) {
            return false;
        }
        PackageElement mine = c.elements.getPackageOf(c.m.owner);
        return !c.elements.getPackageOf(e).equals(mine);
    }

    /** The lookup of class {@code k} with its own access, a local of the holder's static initialiser. */
    private String lookup(TypeElement k) {
        return lookups.computeIfAbsent(k, x -> {
            String n = names.newName("lookup" + x.getSimpleName());
            init.addStatement("$T $N = $T.privateLookupIn($T.class, $T.lookup())", MethodHandles.Lookup.class, n,
                    MethodHandles.class, erasure(x.asType()), MethodHandles.class);
            return n;
        });
    }

    private TypeName erasure(TypeMirror t) {
        return TypeName.get(c.types.erasure(t));
    }

    private String handle(String name, String why, CodeBlock value) {
        String n = names.newName(name);
        fields.add(FieldSpec.builder(MethodHandle.class, n, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(why + "\n").build());
        init.addStatement("$N = $L", n, value);
        return n;
    }

    private CodeBlock methodType(ExecutableElement m) {
        ExecutableType t = (ExecutableType) c.types.erasure(m.asType());
        CodeBlock.Builder b = CodeBlock.builder().add("$T.methodType($T.class", MethodType.class,
                TypeName.get(t.getReturnType()));
        for (TypeMirror p : t.getParameterTypes()) {
            b.add(", $T.class", TypeName.get(p));
        }
        return b.add(")").build();
    }

    /** The type parameters of {@code via} (the receiver's class) then of the method; null if they collide. */
    private List<TypeVariableName> typeVars(TypeElement via, ExecutableElement m, Tree at) {
        List<TypeVariableName> vars = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<TypeParameterElement> all = new ArrayList<>();
        if (via != null) {
            all.addAll(via.getTypeParameters());
        }
        if (m != null) {
            all.addAll(m.getTypeParameters());
        }
        for (TypeParameterElement t : all) {
            if (!seen.add(t.getSimpleName().toString())) {
                throw new Unsupported(at, "the type parameter " + t.getSimpleName() + " of " + m.getSimpleName()
                        + " hides one of " + via.getSimpleName() + ", which the generated accessor cannot express;"
                        + " rename it");
            }
            vars.add(TypeVariableName.get(t));
        }
        return vars;
    }

    /**
     * A call of method {@code m}: {@code special} is the class or interface named by {@code super} (an
     * invokespecial, as javac compiles {@code super.m()}), or null for a virtual or static call of a protected
     * method. {@code via} is the class whose access the call uses (the receiver's class). Returns the name of
     * the accessor, which takes the receiver (unless static) and then the arguments.
     */
    String call(ExecutableElement m, TypeElement special, TypeElement via, Tree at) {
        boolean isStatic = m.getModifiers().contains(Modifier.STATIC);
        String key = (special == null ? "call:" : "super:" + special.getQualifiedName() + ":") + via.getQualifiedName()
                + ":" + m.getEnclosingElement() + "." + m + ":" + isStatic;
        String known = accessors.get(key);
        if (known != null) {
            return holder + "." + known;
        }
        TypeElement declaring = (TypeElement) m.getEnclosingElement();
        String name = m.getSimpleName().toString();
        CodeBlock value;
        String why;
        if (special != null) {
            value = CodeBlock.of("$N.findSpecial($T.class, $S, $L, $T.class)", lookup(via), erasure(special.asType()),
                    name, methodType(m), erasure(via.asType()));
            why = "{@code super." + name + "(...)} of {@link " + via.getSimpleName() + "}: an invokespecial of "
                    + special.getSimpleName() + "'s method, which only " + via.getSimpleName() + " may make.";
        } else {
            value = CodeBlock.of("$N.$L($T.class, $S, $L)", lookup(via), isStatic ? "findStatic" : "findVirtual",
                    erasure(declaring.asType()), name, methodType(m));
            why = "{@code " + name + "(...)}: protected in " + declaring.getQualifiedName() + ", another package;"
                    + " only its subclass " + via.getSimpleName() + " may call it.";
        }
        String h = handle((special != null ? "SUPER_" : "") + upper(name), why, value);
        ExecutableType t = isStatic ? (ExecutableType) m.asType()
                : (ExecutableType) c.types.asMemberOf((DeclaredType) via.asType(), m);
        String accessor = names.newName((special != null ? "super_" : "") + name);
        MethodSpec.Builder b = MethodSpec.methodBuilder(accessor).addModifiers(Modifier.STATIC)
                .addTypeVariables(typeVars(isStatic ? null : via, m, at))
                .varargs(m.isVarArgs());
        List<String> args = new ArrayList<>();
        if (!isStatic) {
            b.addParameter(TypeName.get(via.asType()), "self");
            args.add("self");
        }
        for (int i = 0; i < m.getParameters().size(); i++) {
            String p = "a" + i;
            b.addParameter(TypeName.get(t.getParameterTypes().get(i)), p);
            args.add(p);
        }
        TypeMirror r = t.getReturnType();
        String invoke = h + ".invoke(" + String.join(", ", args) + ")";
        CodeBlock body = r.getKind() == TypeKind.VOID ? CodeBlock.of("$L;\n", invoke)
                : isObject(r) ? CodeBlock.of("return $L;\n", invoke)
                : CodeBlock.of("return ($T) $L;\n", TypeName.get(r), invoke);
        b.returns(TypeName.get(r));
        List<TypeMirror> thrown = new ArrayList<>();
        for (TypeMirror x : t.getThrownTypes()) {
            if (x.getKind() != TypeKind.DECLARED) {
                throw new Unsupported(at, name + " throws a type variable, which the generated accessor cannot"
                        + " rethrow; wrap the call in a method of " + c.m.owner.getSimpleName());
            }
            b.addException(TypeName.get(x));
            thrown.add(x);
        }
        b.addCode(rethrowing(body, thrown));
        if (!r.getKind().isPrimitive() && r.getKind() != TypeKind.VOID
                && !c.types.isSameType(r, c.types.erasure(r))) {
            b.addAnnotation(AnnotationSpecs.UNCHECKED);
        }
        methods.add(b.build());
        accessors.put(key, accessor);
        return holder + "." + accessor;
    }

    /**
     * The accessors of field {@code f} through the access of {@code via} (null if static): {@code get(recv)},
     * {@code set(recv, v)} returning v, and {@code preInc}, {@code preDec}, {@code postInc}, {@code postDec}.
     */
    String field(VariableElement f, TypeElement via, String op, Tree at) {
        boolean isStatic = f.getModifiers().contains(Modifier.STATIC);
        String key = "field:" + op + ":" + via.getQualifiedName() + ":" + f.getEnclosingElement() + "." + f;
        String known = accessors.get(key);
        if (known != null) {
            return holder + "." + known;
        }
        TypeElement declaring = (TypeElement) f.getEnclosingElement();
        String name = f.getSimpleName().toString();
        TypeMirror type = isStatic ? f.asType() : c.types.asMemberOf((DeclaredType) via.asType(), f);
        TypeName ft = TypeName.get(type);
        MethodSpec.Builder b = MethodSpec.methodBuilder(names.newName(op + "_" + name)).addModifiers(Modifier.STATIC)
                .addTypeVariables(typeVars(isStatic ? null : via, null, at))
                .returns(ft);
        String recv = "";
        if (!isStatic) {
            b.addParameter(TypeName.get(via.asType()), "self");
            recv = "self";
        }
        String why = "{@code " + name + "}: protected in " + declaring.getQualifiedName() + ", another package;"
                + " only its subclass " + via.getSimpleName() + " may " + (op.equals("get") ? "read" : "write") + " it.";
        if (op.equals("get") || op.equals("set")) {
            boolean get = op.equals("get");
            String finder = (isStatic ? "findStatic" : "find") + (get ? "Getter" : "Setter");
            String h = handle(upper(name) + (get ? "_GETTER" : "_SETTER"), why, CodeBlock.of("$N.$L($T.class, $S, $T.class)",
                    lookup(via), finder, erasure(declaring.asType()), name, erasure(f.asType())));
            CodeBlock body;
            if (get) {
                body = isObject(type) ? CodeBlock.of("return $N.invoke($L);\n", h, recv)
                        : CodeBlock.of("return ($T) $N.invoke($L);\n", ft, h, recv);
            } else {
                b.addParameter(ft, "value");
                body = CodeBlock.of("$N.invoke($L$Lvalue);\nreturn value;\n", h, recv, isStatic ? "" : ", ");
            }
            b.addCode(rethrowing(body, List.of()));
            if (get && !c.types.isSameType(type, c.types.erasure(type))) {
                b.addAnnotation(AnnotationSpecs.UNCHECKED);
            }
        } else {
            // ++ and --: the receiver is evaluated once (it is the argument), the variable read once
            String get = field(f, via, "get", at).substring(holder.length() + 1);
            String set = field(f, via, "set", at).substring(holder.length() + 1);
            String step = op.endsWith("Inc") ? "++" : "--";
            b.addStatement("$T old = $N($L)", ft, get, recv);
            b.addStatement("$T next = old", ft);
            b.addStatement("next$L", step);
            b.addStatement("$N($L$Lnext)", set, recv, isStatic ? "" : ", ");
            b.addStatement("return $L", op.startsWith("post") ? "old" : "next");
        }
        MethodSpec ms = b.build();
        methods.add(ms);
        accessors.put(key, ms.name());
        return holder + "." + ms.name();
    }

    /**
     * The enclosing instance of class {@code target} seen from an instance of the coroutine's class (an inner
     * class): javac's synthetic field of each inner class on the way out (this$0 and the like), found by its
     * type rather than by its name. javac keeps the field whenever the original body uses the outer instance,
     * which is the case here since the body is the one being transformed.
     */
    String enclosing(TypeElement target, Tree at) {
        String key = "outer:" + target.getQualifiedName();
        String known = accessors.get(key);
        if (known != null) {
            return holder + "." + known;
        }
        usesEnclosing = true;
        MethodSpec.Builder b = MethodSpec.methodBuilder(names.newName("outer" + target.getSimpleName()))
                .addModifiers(Modifier.STATIC);
        boolean generic = !CompanionEmitter.receiverTypeVariables(c.m.owner).isEmpty();
        if (generic) {
            // Outer<T>.Inner: the accessor binds T from its argument and returns Outer<T>, so the body's
            // uses of the outer instance keep their types. The handle returns an Object: the cast to the
            // parameterized type is unchecked, and sound because javac typed the synthetic field so.
            b.addTypeVariables(CompanionEmitter.receiverTypeVariables(c.m.owner))
                    .addParameter(TypeName.get(c.m.owner.asType()), "self")
                    .returns(TypeName.get(target.asType()))
                    .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                            .addMember("value", "$S", "unchecked").build());
        } else {
            b.addParameter(Object.class, "self").returns(erasure(target.asType()));
        }
        CodeBlock expr = CodeBlock.of("self");
        TypeElement inner = c.m.owner;
        while (!inner.equals(target)) {
            if (inner.getModifiers().contains(Modifier.STATIC) || !(inner.getEnclosingElement() instanceof TypeElement)) {
                throw new Unsupported(at, "no enclosing instance of " + target.getSimpleName());
            }
            TypeElement outer = (TypeElement) inner.getEnclosingElement();
            TypeElement from = inner;
            String h = hops.computeIfAbsent(inner, x -> handle("OUTER_" + upper(outer.getSimpleName().toString())
                            + "_OF_" + upper(from.getSimpleName().toString()),
                    "the enclosing " + outer.getSimpleName() + " of an " + from.getSimpleName()
                            + ": javac's synthetic field, which the companion cannot name.",
                    CodeBlock.of("enclosingInstance($N, $T.class, $T.class)", lookup(from), erasure(from.asType()),
                            erasure(outer.asType()))));
            boolean last = outer.equals(target);
            expr = CodeBlock.of("(($T) $N.invoke($L))", generic && last ? TypeName.get(outer.asType())
                    : erasure(outer.asType()), h, expr);
            inner = outer;
        }
        b.addCode(rethrowing(CodeBlock.of("return $L;\n", expr), List.of()));
        MethodSpec ms = b.build();
        methods.add(ms);
        accessors.put(key, ms.name());
        return holder + "." + ms.name();
    }

    /** {@code try { body } catch (RuntimeException | Error | declared e) { throw e; } catch (Throwable e) {...}}. */
    private CodeBlock rethrowing(CodeBlock body, List<TypeMirror> declared) {
        List<TypeMirror> kept = new ArrayList<>();
        TypeMirror runtime = c.elements.getTypeElement(RuntimeException.class.getName()).asType();
        TypeMirror error = c.elements.getTypeElement(Error.class.getName()).asType();
        outer:
        for (TypeMirror x : declared) {
            if (c.types.isSubtype(x, runtime) || c.types.isSubtype(x, error)) {
                continue;
            }
            for (TypeMirror y : declared) {
                if (y != x && c.types.isSubtype(x, y) && !c.types.isSameType(x, y)) {
                    continue outer;
                }
            }
            for (TypeMirror y : kept) {
                if (c.types.isSameType(x, y)) {
                    continue outer;
                }
            }
            kept.add(x);
        }
        CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("try").add(body);
        CodeBlock.Builder types = CodeBlock.builder().add("$T | $T", RuntimeException.class, Error.class);
        for (TypeMirror x : kept) {
            types.add(" | $T", TypeName.get(x));
        }
        b.nextControlFlow("catch ($L e)", types.build()).addStatement("throw e");
        b.nextControlFlow("catch ($T e)", Throwable.class)
                .addStatement("throw new $T(e)", UndeclaredThrowableException.class);
        return b.endControlFlow().build();
    }

    private static boolean isObject(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals("java.lang.Object");
    }

    private static String upper(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(s.charAt(i - 1))) {
                b.append('_');
            }
            b.append(Character.toUpperCase(ch));
        }
        return b.toString();
    }

    private static final TypeName CLASS = com.palantir.javapoet.ParameterizedTypeName.get(ClassName.get(Class.class),
            com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class));

    boolean isEmpty() {
        return methods.isEmpty();
    }

    /** The holder class, nested in the state machine. */
    TypeSpec build() {
        TypeSpec.Builder t = TypeSpec.classBuilder(holder)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Method handles for what generated code cannot name, as it is not in $T or a subclass: a"
                        + "\nlookup with the access of the class (same package and module) reaches super calls, protected"
                        + "\nmembers of another package and enclosing instances. Initialised by the JVM when first used.\n",
                        ClassName.get(c.m.owner))
                .addFields(fields)
                .addStaticBlock(CodeBlock.builder().beginControlFlow("try").add(init.build())
                        .nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                        .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                        .endControlFlow().build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethods(methods);
        if (usesEnclosing) {
            t.addMethod(MethodSpec.methodBuilder("enclosingInstance")
                    .addJavadoc("The getter of the synthetic field of {@code inner} that holds its {@code outer} instance.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(MethodHandle.class)
                    .addParameter(MethodHandles.Lookup.class, "lookup")
                    .addParameter(CLASS, "inner")
                    .addParameter(CLASS, "outer")
                    .addException(IllegalAccessException.class)
                    .beginControlFlow("for ($T f : inner.getDeclaredFields())", Field.class)
                    .beginControlFlow("if (f.isSynthetic() && f.getType() == outer)")
                    .addStatement("return lookup.unreflectGetter(f)")
                    .endControlFlow()
                    .endControlFlow()
                    .addStatement("throw new $T(\"no enclosing instance field in \" + inner)", IllegalStateException.class)
                    .build());
        }
        return t.build();
    }

    /** Annotations used by the accessors. */
    private static final class AnnotationSpecs {
        static final com.palantir.javapoet.AnnotationSpec UNCHECKED = com.palantir.javapoet.AnnotationSpec
                .builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();
    }
}
