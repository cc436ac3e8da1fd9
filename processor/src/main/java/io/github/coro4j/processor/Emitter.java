package io.github.coro4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The emit pass: the package-private class {@code FooStateMachines} with JavaPoet (the public companion that
 * delegates to it was written a round earlier by {@link CompanionEmitter}). For each method, a static factory
 * and a private static nested state machine whose fields are the receiver, the parameters, the hoisted locals
 * and the temporaries, and whose {@code step()} is the dispatch loop over the listing's chunks.
 */
final class Emitter {
    static final ClassName STATE_MACHINE = ClassName.get("io.github.coro4j", "StateMachine");

    private final TypeElement owner;
    private final TypeSpec.Builder machines;
    private final NameAllocator classNames = new NameAllocator();

    Emitter(TypeElement owner, List<String> reservedNames) {
        this.owner = owner;
        for (String n : reservedNames) {
            classNames.newName(n, "reserved:" + n);
        }
        this.machines = TypeSpec.classBuilder(CompanionEmitter.machinesName(owner))
                .addModifiers(Modifier.FINAL)
                .addAnnotation(CompanionEmitter.generated())
                .addJavadoc("The state machines of {@link $T}'s coroutines, started by {@link $L}.\n",
                        ClassName.get(owner), CompanionEmitter.companionName(owner))
                .addOriginatingElement(owner)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    void add(Ctx c, Listing listing, String loopLabel) {
        String name = c.m.element.getSimpleName().toString();
        String machine = classNames.newName(Character.toUpperCase(name.charAt(0)) + name.substring(1), new Object());
        List<TypeVariableName> typeVars = CompanionEmitter.typeVariables(owner, c.m.element);
        TypeName result = CompanionEmitter.resultOf(c.m.element);

        // the factory
        Map<String, TypeName> params = new LinkedHashMap<>();
        if (c.self != null) {
            params.put(c.self, TypeName.get(owner.asType()));
        }
        for (VariableElement p : c.m.element.getParameters()) {
            params.put(c.hoisting.names.get(p), TypeName.get(p.asType()));
        }
        MethodSpec.Builder factory = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(typeVars)
                .returns(CompanionEmitter.taskOf(c.m.element))
                .varargs(c.m.element.isVarArgs())
                .addAnnotations(CompanionEmitter.safeVarargs(c.m.element));
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        List<FieldSpec> fields = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, TypeName> p : params.entrySet()) {
            // the original parameter names in the factory: javadoc and IDE hints read naturally
            factory.addParameter(ParameterSpec.builder(p.getValue(), p.getKey()).build());
            ctor.addParameter(p.getValue(), p.getKey());
            ctor.addStatement("this.$N = $N", p.getKey(), p.getKey());
            Modifier[] mods = p.getKey().equals(c.self)
                    ? new Modifier[] {Modifier.PRIVATE, Modifier.FINAL} : new Modifier[] {Modifier.PRIVATE};
            fields.add(FieldSpec.builder(p.getValue(), p.getKey(), mods).build());
            args.add(p.getKey());
        }
        factory.addStatement("return new $L$L($L).start()", machine, typeVars.isEmpty() ? "" : "<>",
                String.join(", ", args));
        machines.addMethod(factory.build());

        List<Element> hoisted = new ArrayList<>(c.hoisting.hoisted);
        hoisted.removeAll(c.m.element.getParameters());
        hoisted.sort((a, b) -> c.hoisting.names.get(a).compareTo(c.hoisting.names.get(b)));
        for (Element e : hoisted) {
            fields.add(FieldSpec.builder(TypeNames.denotable(c, e.asType(), c.m.tree), c.hoisting.names.get(e),
                    Modifier.PRIVATE).build());
        }
        fields.addAll(c.extraFields);

        TypeSpec.Builder sm = TypeSpec.classBuilder(machine)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariables(typeVars)
                .superclass(ParameterizedTypeName.get(STATE_MACHINE, result))
                .addJavadoc("The state machine of {@link $T#$L}.\n", ClassName.get(owner), name)
                .addFields(fields)
                .addMethod(ctor.build())
                .addMethod(MethodSpec.methodBuilder("step")
                        .addAnnotation(Override.class)
                        // falling into the next case is how one state continues into the next
                        .addAnnotation(suppressions(c))
                        .addModifiers(Modifier.PROTECTED)
                        .returns(Object.class)
                        .addException(Throwable.class)
                        .addCode(withTypes(c, stepBody(c, listing, loopLabel)))
                        .build());
        TypeSpec holder = c.accessHolder(); // static members: method handles (Access)
        if (holder != null) {
            sm.addType(holder);
        }
        machines.addType(sm.build());
    }

    /**
     * The warnings step() suppresses: fallthrough (one state continues into the next), unchecked for the
     * casts of {@link Ctx#uncheckedCasts}, and whatever the body's own code had suppressed, by the method, its
     * enclosing classes or a local declaration ({@code @SuppressWarnings("unchecked") T a = (T) await(x);}):
     * that code is copied into step(), where the annotations of hoisted locals cannot go, and would warn again
     * (an error with -Werror).
     */
    private static AnnotationSpec suppressions(Ctx c) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(List.of("fallthrough"));
        if (c.uncheckedCasts) {
            names.add("unchecked");
        }
        for (Element e = c.m.element; e != null && e.getKind() != javax.lang.model.element.ElementKind.PACKAGE;
                e = e.getEnclosingElement()) {
            SuppressWarnings sw = e.getAnnotation(SuppressWarnings.class);
            if (sw != null) {
                names.addAll(List.of(sw.value()));
            }
        }
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(com.sun.source.tree.VariableTree v, Void unused) {
                Element e = c.trees.getElement(getCurrentPath());
                SuppressWarnings sw = e == null ? null : e.getAnnotation(SuppressWarnings.class);
                if (sw != null) {
                    names.addAll(List.of(sw.value()));
                }
                return super.visitVariable(v, unused);
            }
        }.scan(c.m.bodyPath(), null);
        CodeBlock.Builder value = CodeBlock.builder().add("{");
        String sep = "";
        for (String n : names) {
            value.add(sep + "$S", n);
            sep = ", ";
        }
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", names.size() == 1 ? CodeBlock.of("$S", "fallthrough") : value.add("}").build())
                .build();
    }

    /** {@code for (;;) { try { switch (state) { case n: ... } } catch (Throwable e) { route } }}. */
    private static String stepBody(Ctx c, Listing listing, String loop) {
        List<Listing.Chunk> chunks = listing.chunks();
        StringBuilder sw = new StringBuilder("switch (this.state) {\n");
        for (Listing.Chunk ch : chunks) {
            sw.append("    case ").append(ch.label.state).append(": {\n");
            for (String line : ch.code.toString().split("\n")) {
                sw.append("        ").append(line).append('\n');
            }
            sw.append("    }\n");
        }
        sw.append("    default:\n        throw new IllegalStateException(\"no state \" + this.state);\n}");
        Map<Listing.Region, List<Integer>> regions = new LinkedHashMap<>();
        for (Listing.Chunk ch : chunks) {
            if (ch.region != null) {
                regions.computeIfAbsent(ch.region, r -> new ArrayList<>()).add(ch.label.state);
            }
        }
        StringBuilder b = new StringBuilder();
        for (String lifted : c.liftedClasses) {
            b.append(lifted.substring(lifted.indexOf('\n') + 1)).append('\n');
        }
        b.append(loop).append(":\nfor (;;) {\n");
        if (regions.isEmpty()) {
            b.append(indent(sw.toString(), "    "));
        } else {
            b.append("    try {\n").append(indent(sw.toString(), "        "));
            b.append("    } catch (Throwable e) {\n");
            b.append("        // route the exception to the handler of the lowered try that the current state is in\n");
            b.append("        switch (this.state) {\n");
            for (Map.Entry<Listing.Region, List<Integer>> r : regions.entrySet()) {
                b.append("            ");
                for (int s : r.getValue()) {
                    b.append("case ").append(s).append(": ");
                }
                Listing.Region g = r.getKey();
                b.append("\n                ").append(g.exField).append(" = e;");
                if (g.jumpField != null) {
                    b.append(" ").append(g.jumpField).append(" = ").append(Listing.THROW).append(";");
                }
                b.append(" this.state = ").append(g.handler.state).append(";");
                b.append(" continue ").append(loop).append(";\n");
            }
            b.append("            default:\n                throw e;\n        }\n    }\n");
        }
        return b.append("}\n").toString();
    }

    /** Code text to a CodeBlock: type markers ({@link Ctx#ref}) become $T, so that JavaPoet imports them. */
    private static CodeBlock withTypes(Ctx c, String text) {
        CodeBlock.Builder b = CodeBlock.builder();
        int at = 0;
        while (true) {
            int i = text.indexOf('\u0003', at);
            if (i < 0) {
                b.add("$L", text.substring(at));
                return b.build();
            }
            int j = text.indexOf('\u0004', i);
            b.add("$L", text.substring(at, i));
            b.add("$T", c.typeRefs.get(Integer.parseInt(text.substring(i + 1, j))));
            at = j + 1;
        }
    }

    private static String indent(String s, String by) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n")) {
            b.append(line.isEmpty() ? "" : by + line).append('\n');
        }
        return b.toString();
    }

    TypeSpec build() {
        return machines.build();
    }
}
