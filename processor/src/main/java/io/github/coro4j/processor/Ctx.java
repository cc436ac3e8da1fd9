package io.github.coro4j.processor;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the passes of one method share: the compiler's utilities, the method, the analyses, and the names and
 * extra fields allocated while generating. One per method; nothing in it outlives the method.
 */
final class Ctx {
    final Trees trees;
    final Types types;
    final Elements elements;
    final CoroMethod m;
    final Awaits awaits;
    final NameAllocator names = new NameAllocator();
    /** The field holding the receiver of an instance coroutine; null for a static one. */
    String self;
    Hoister.Result hoisting;
    /** Fields for temporaries, pending exceptions and branches, created by the later passes. */
    final List<FieldSpec> extraFields = new ArrayList<>();
    private int temps;

    Ctx(Trees trees, Types types, Elements elements, CoroMethod m, Awaits awaits) {
        this.trees = trees;
        this.types = types;
        this.elements = elements;
        this.m = m;
        this.awaits = awaits;
        // JavaPoet writes a type fully qualified when its simple name is taken (by a type variable T of the
        // coroutine, say: t.T.v(1) for an imported t.T), and a local or field named like the first segment
        // of its package would obscure that package (JLS 6.4.2): those names are kept for the packages, so
        // such locals get another name. The packages of the file's imports, its own, and the runtime's.
        java.util.Set<String> packages = new java.util.TreeSet<>(List.of("java", "javax", "io"));
        String own = elements.getPackageOf(m.owner).getQualifiedName().toString();
        if (!own.isEmpty()) {
            packages.add(own.split("\\.")[0]);
        }
        for (com.sun.source.tree.ImportTree i : m.unit.getImports()) {
            com.sun.source.tree.Tree q = i.getQualifiedIdentifier();
            while (q instanceof com.sun.source.tree.MemberSelectTree) {
                q = ((com.sun.source.tree.MemberSelectTree) q).getExpression();
            }
            if (q instanceof com.sun.source.tree.IdentifierTree) {
                packages.add(((com.sun.source.tree.IdentifierTree) q).getName().toString());
            }
        }
        for (String p : packages) {
            names.newName(p, "package " + p);
        }
    }

    /** A new private field of the state machine, for a value that must survive a suspension. */
    String field(TypeName type, String suggestion) {
        String name = names.newName(suggestion + temps++, new Object());
        extraFields.add(FieldSpec.builder(type, name, Modifier.PRIVATE).build());
        return name;
    }

    /** Method handles for super calls, protected members of other packages and enclosing instances. */
    private Access access;

    Access access() {
        if (access == null) {
            access = new Access(this);
        }
        return access;
    }

    /** The holder class of {@link #access()}, to nest in the state machine; null if nothing needed it. */
    com.palantir.javapoet.TypeSpec accessHolder() {
        return access == null || access.isEmpty() ? null : access.build();
    }

    private String assertionsDisabled;

    /**
     * The name of a {@code static final boolean} of the state machine that is true when assertions are disabled
     * for the original class. javac gives every class a {@code $assertionsDisabled} computed at class
     * initialisation from its outermost class's {@code desiredAssertionStatus()}; an {@code assert} copied into
     * the companion would follow the companion's status instead (they differ under {@code -ea:demo.Greeter}),
     * so every assert of the body is written as a test of this field.
     */
    String assertionsDisabled() {
        if (assertionsDisabled == null) {
            javax.lang.model.element.Element top = m.owner;
            while (top.getEnclosingElement() instanceof javax.lang.model.element.TypeElement) {
                top = top.getEnclosingElement();
            }
            assertionsDisabled = names.newName("assertionsDisabled", new Object());
            extraFields.add(FieldSpec.builder(TypeName.BOOLEAN, assertionsDisabled, Modifier.PRIVATE,
                            Modifier.STATIC, Modifier.FINAL)
                    .initializer("!$T.class.desiredAssertionStatus()",
                            com.palantir.javapoet.ClassName.get((javax.lang.model.element.TypeElement) top))
                    .build());
        }
        return assertionsDisabled;
    }

    /** Whether step() casts an Object field to a parameterized type that mentions a local class. */
    boolean uncheckedCasts;

    /** Local classes declared before an await, lifted to the top of step(), where every state sees them. */
    final List<String> liftedClasses = new ArrayList<>();

    /** Types written in generated code, referred to by markers that the emitter turns into JavaPoet's $T. */
    final List<TypeName> typeRefs = new ArrayList<>();

    /**
     * A reference to a type in code text: the emitter writes it with $T, so that JavaPoet imports it (a
     * qualified name could be obscured by a local that has the name of its first package).
     */
    String ref(TypeName type) {
        typeRefs.add(type);
        return "\u0003" + (typeRefs.size() - 1) + "\u0004";
    }

    /** A name for a generated local or label, unique in the method. */
    String fresh(String suggestion) {
        return names.newName(suggestion, new Object());
    }
}
