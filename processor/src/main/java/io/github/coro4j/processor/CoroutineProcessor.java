package io.github.coro4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The coro4j annotation processor: for each class with {@code @Coroutine} methods, generates its companion
 * {@code FooCoroutines} (see {@link io.github.coro4j.processor.Emitter} and docs/processor.md).
 *
 * <p>Per method, the passes run in order: parse (the method's tree, attributed) → validate ({@link Validator})
 * → analyse awaits ({@link Awaits}) and hoisting ({@link Hoister}) → lower, spill and build states
 * ({@link StateBuilder} with {@link Spiller}, {@link ForEachLowering}, {@link TryLowering}) → emit
 * ({@link Emitter}). Like AutoValue: errors are reported at the tree with a stable tag; a class with an error
 * generates nothing; classes are processed in name order and methods in source order; the processor never
 * claims the annotation.
 */
@AutoService(Processor.class)
public final class CoroutineProcessor extends AbstractProcessor {
    private static final String COROUTINE = "io.github.coro4j.Coroutine";
    /** Classes deferred to a later round because a type in a @Coroutine signature did not resolve yet. */
    private final Set<String> deferred = new LinkedHashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(COROUTINE);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Trees trees;
        try {
            trees = Trees.instance(processingEnv);
        } catch (IllegalArgumentException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[CoroUnsupported] the coro4j processor needs javac (the com.sun.source Tree API)");
            return false;
        }
        Map<String, TypeElement> owners = new TreeMap<>();
        for (String name : deferred) {
            TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
            if (t != null) {
                owners.put(name, t);
            }
        }
        deferred.clear();
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(COROUTINE);
        if (annotation != null) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                TypeElement owner = (TypeElement) e.getEnclosingElement();
                owners.put(owner.getQualifiedName().toString(), owner);
            }
        }
        for (TypeElement owner : owners.values()) {
            if (!round.processingOver() && hasErrorTypes(owner)) {
                deferred.add(owner.getQualifiedName().toString());
                continue;
            }
            processClass(trees, owner);
        }
        return false;
    }

    private boolean hasErrorTypes(TypeElement owner) {
        for (Element e : owner.getEnclosedElements()) {
            if (e instanceof ExecutableElement && Validator.isCoroutine(e)) {
                ExecutableElement m = (ExecutableElement) e;
                if (m.getReturnType().getKind() == javax.lang.model.type.TypeKind.ERROR) {
                    return true;
                }
                for (Element p : m.getParameters()) {
                    if (p.asType().getKind() == javax.lang.model.type.TypeKind.ERROR) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void processClass(Trees trees, TypeElement owner) {
        Reporter reporter = new Reporter(trees);
        Validator validator = new Validator(trees, reporter);
        List<Ctx> methods = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        for (Element e : owner.getEnclosedElements()) {
            if (!(e instanceof ExecutableElement) || !Validator.isCoroutine(e)) {
                continue;
            }
            TreePath path = trees.getPath(e);
            if (path == null) {
                continue; // compiled earlier: nothing to generate
            }
            CharSequence source;
            try {
                source = path.getCompilationUnit().getSourceFile().getCharContent(true);
            } catch (IOException ex) {
                reporter.error("CoroUnsupported", "cannot read the source: " + ex.getMessage(), path.getLeaf(),
                        path.getCompilationUnit());
                continue;
            }
            CoroMethod m = new CoroMethod((ExecutableElement) e, owner, path, source);
            if (!validator.declaration(m)) {
                continue;
            }
            // Attribute the class now (Trees.getElement on a tree without a symbol does it), so that the
            // body's trees carry their elements and types.
            trees.getElement(m.bodyPath());
            Awaits awaits = Awaits.scan(trees, m.bodyPath());
            if (validator.body(m, awaits) > 0) {
                continue;
            }
            Ctx c = new Ctx(trees, processingEnv.getTypeUtils(), processingEnv.getElementUtils(), m, awaits);
            collectNames(c, reserved);
            methods.add(c);
        }
        if (reporter.errorCount() > 0) {
            return; // abortIfAnyError: one error must not cascade into broken output
        }
        Emitter emitter = new Emitter(owner, new ArrayList<>(reserved));
        for (Ctx c : methods) {
            try {
                String loop = c.fresh("dispatch");
                if (c.m.element.getKind() == ElementKind.METHOD && !c.m.isStatic()) {
                    c.self = c.names.newName("self", "#self");
                }
                c.hoisting = Hoister.run(c);
                Listing listing = new StateBuilder(c, loop).build();
                emitter.add(c, listing, loop);
            } catch (Unsupported u) {
                reporter.error("CoroUnsupported", u.getMessage(), u.tree == null ? c.m.tree : u.tree, c.m.unit);
            }
        }
        if (reporter.errorCount() > 0) {
            return;
        }
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(owner);
        JavaFile file = JavaFile.builder(pkg.getQualifiedName().toString(), emitter.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException ex) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[CoroUnsupported] cannot write " + Emitter.companionName(owner) + ": " + ex.getMessage(), owner);
        }
    }

    /**
     * Reserves the names that the body uses for other things (labels, and every simple name, since the
     * generated nested classes must not shadow a type the body names) and the names the base class uses.
     */
    private static void collectNames(Ctx c, Set<String> reserved) {
        c.names.newName("state", "#state");
        c.names.newName("SUSPENDED", "#SUSPENDED");
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
                String l = node.getLabel().toString();
                if (reserved.add("label:" + l)) {
                    c.names.newName(l, "label:" + l);
                }
                return super.visitLabeledStatement(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                reserved.add(node.getName().toString());
                return null;
            }
        }.scan(c.m.bodyPath(), null);
    }
}
