package io.github.coro4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The first round's pass: the public companion {@code FooCoroutines}, written from the {@code @Coroutine}
 * methods' signatures alone. Its factories delegate to the package-private {@code FooStateMachines}, which
 * the next round writes once the bodies can be attributed: by then every companion of the compilation
 * exists, so an await of {@code BarCoroutines.m()} has its real type (see docs/internals.md, "Two rounds").
 */
final class CompanionEmitter {
    static final ClassName TASK = ClassName.get("io.github.coro4j", "Task");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private CompanionEmitter() {}

    /** {@code Foo} gives {@code FooCoroutines}; a nested {@code Outer.Inner} gives {@code Outer_InnerCoroutines}. */
    /**
     * {@code @SafeVarargs} of the original, on the factories that forward its generic varargs parameter: the
     * user vouched for it, and without it the generated code has "possible heap pollution" warnings. Passing
     * the array on (to the state machine) is then a [varargs] warning, suppressed for the same reason.
     */
    static List<AnnotationSpec> safeVarargs(ExecutableElement m) {
        return m.isVarArgs() && m.getAnnotation(SafeVarargs.class) != null
                ? List.of(AnnotationSpec.builder(SafeVarargs.class).build(),
                        AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "varargs").build())
                : List.of();
    }

    static String companionName(TypeElement owner) {
        return flatName(owner) + "Coroutines";
    }

    /** {@code Foo} gives {@code FooStateMachines}, the package-private class of the state machines. */
    static String machinesName(TypeElement owner) {
        return flatName(owner) + "StateMachines";
    }

    private static String flatName(TypeElement owner) {
        StringBuilder sb = new StringBuilder(owner.getSimpleName());
        for (Element e = owner.getEnclosingElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            sb.insert(0, e.getSimpleName() + "_");
        }
        return sb.toString();
    }

    /** The method's result as a task's type argument: its return type boxed, {@code Void} for void. */
    static TypeName resultOf(ExecutableElement m) {
        TypeMirror r = m.getReturnType();
        return r.getKind() == TypeKind.VOID ? ClassName.get(Void.class) : TypeName.get(r).box();
    }

    /** {@code Task<R>} of {@link #resultOf}. */
    static TypeName taskOf(ExecutableElement m) {
        return ParameterizedTypeName.get(TASK, resultOf(m));
    }

    /**
     * The type variables of a factory: for an instance method, those its receiver's type mentions (the
     * class's, and for an inner class those of the enclosing classes too: {@code Outer<T>.Inner}), outermost
     * first; then the method's own.
     */
    static List<TypeVariableName> typeVariables(TypeElement owner, ExecutableElement m) {
        List<TypeVariableName> vars = m.getModifiers().contains(Modifier.STATIC)
                ? new ArrayList<>() : receiverTypeVariables(owner);
        for (TypeParameterElement t : m.getTypeParameters()) {
            vars.add(TypeVariableName.get(t));
        }
        return vars;
    }

    /** The type variables in scope of an instance of {@code owner}: its own and its enclosing instances'. */
    static List<TypeVariableName> receiverTypeVariables(TypeElement owner) {
        List<TypeVariableName> vars = new ArrayList<>();
        for (TypeElement t = owner; t != null; ) {
            List<TypeVariableName> own = new ArrayList<>();
            for (TypeParameterElement p : t.getTypeParameters()) {
                own.add(TypeVariableName.get(p));
            }
            vars.addAll(0, own);
            boolean inner = !t.getModifiers().contains(Modifier.STATIC) && !t.getKind().isInterface()
                    && t.getKind() != javax.lang.model.element.ElementKind.ENUM
                    && t.getKind() != javax.lang.model.element.ElementKind.RECORD
                    && t.getEnclosingElement() instanceof TypeElement
                    && !t.getEnclosingElement().getKind().isInterface();
            t = inner ? (TypeElement) t.getEnclosingElement() : null;
        }
        return vars;
    }

    /** The companion of {@code owner} with one factory per method, in source order. */
    static TypeSpec build(TypeElement owner, List<ExecutableElement> methods) {
        ClassName machines = ClassName.get(ClassName.get(owner).packageName(), machinesName(owner));
        TypeSpec.Builder companion = TypeSpec.classBuilder(companionName(owner))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(generated())
                .addJavadoc("The coroutines of {@link $T}: generated by coro4j from its {@code @Coroutine} methods.\n",
                        ClassName.get(owner))
                .addOriginatingElement(owner)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (ExecutableElement m : methods) {
            String name = m.getSimpleName().toString();
            MethodSpec.Builder factory = MethodSpec.methodBuilder(name)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addTypeVariables(typeVariables(owner, m))
                    .returns(taskOf(m))
                    .varargs(m.isVarArgs())
                    .addAnnotations(safeVarargs(m))
                    .addJavadoc("Starts {@link $T#$L} on the current event loop: runs it until its first suspension.\n",
                            ClassName.get(owner), name);
            NameAllocator names = new NameAllocator();
            List<String> args = new ArrayList<>();
            for (VariableElement p : m.getParameters()) {
                args.add(names.newName(p.getSimpleName().toString(), p));
            }
            if (!m.getModifiers().contains(Modifier.STATIC)) {
                args.add(0, names.newName("self", "#self"));
                factory.addParameter(TypeName.get(owner.asType()), args.get(0));
            }
            for (VariableElement p : m.getParameters()) {
                factory.addParameter(TypeName.get(p.asType()), names.get(p));
            }
            factory.addStatement("return $T.$L($L)", machines, name, String.join(", ", args));
            companion.addMethod(factory.build());
        }
        return companion.build();
    }

    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", CoroutineProcessor.class.getName()).build();
    }
}
