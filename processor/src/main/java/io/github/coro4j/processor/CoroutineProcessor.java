package io.github.coro4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
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
 * The coro4j annotation processor: for each class {@code Foo} with {@code @Coroutine} methods, generates its
 * public companion {@code FooCoroutines} and the package-private {@code FooStateMachines} (docs/guide.md).
 *
 * <p>It works in two rounds per class. First, the companion is written from the methods' signatures alone
 * ({@link CompanionEmitter}): nothing is attributed yet. In the next round every companion of the compilation
 * exists, so the bodies are attributed with their real types (an await of another class's companion, a
 * {@code var} that holds one, a lambda that returns one), and per method the passes run in order: parse →
 * validate ({@link Validator}) → analyse awaits ({@link Awaits}) and hoisting ({@link Hoister}) → lower, spill
 * and build states ({@link StateBuilder} with {@link Spiller}, {@link ForEachLowering}, {@link TryLowering},
 * {@link SwitchLowering}, {@link LocalClassLifting}) →
 * emit ({@link Emitter}). Attributing a body before the companions it names exist leaves erroneous types in
 * javac's trees, which later crash javac's own code generation; the two rounds avoid that.
 *
 * <p>Like AutoValue: errors are reported at the tree with a stable tag; a class with an error generates no
 * state machines; classes are processed in name order and methods in source order; the processor never
 * claims the annotation.
 */
@AutoService(Processor.class)
public final class CoroutineProcessor extends AbstractProcessor {
    private static final String COROUTINE = "io.github.coro4j.Coroutine";
    /** Classes deferred to a later round because a type in a @Coroutine signature did not resolve yet. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** Classes whose companion was written in the previous round: their state machines are written now. */
    private final Set<String> companionsWritten = new LinkedHashSet<>();

    /** Qualified companion name to the class it was written for: two classes may flatten to one name. */
    private final Map<String, String> companionOwners = new java.util.HashMap<>();

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
        // Second round of a class: its symbols are new in this round, so it is looked up again by name.
        List<String> ready = new ArrayList<>(companionsWritten);
        companionsWritten.clear();
        for (String name : ready) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
            if (owner != null) {
                writeStateMachines(trees, owner);
            }
        }
        // First round of a class.
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
            if (hasErrorTypes(owner)) {
                // A type generated by another processor may resolve in a later round; in the last round the
                // compiler itself reports the unresolved type, and a companion written now could never get
                // its state machines.
                if (!round.processingOver()) {
                    deferred.add(owner.getQualifiedName().toString());
                }
                continue;
            }
            if (round.processingOver()) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "[CoroUnsupported] "
                        + owner.getQualifiedName() + " was generated in the last round of annotation processing, "
                        + "too late for its @Coroutine methods to be generated", owner);
                continue;
            }
            if (writeCompanion(trees, owner)) {
                companionsWritten.add(owner.getQualifiedName().toString());
            }
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

    /**
     * The @Coroutine methods of a class that has source (a class compiled earlier has none), parsed, in source
     * order. The class's path is found once and its members walked from it: finding each method's path from
     * the compilation unit would scan the whole file per method, quadratic in a file of many coroutines.
     */
    private List<CoroMethod> parse(Trees trees, TypeElement owner, Reporter reporter) {
        List<CoroMethod> methods = new ArrayList<>();
        owner.getEnclosedElements(); // completes the class: its members' trees now carry their symbols
        TreePath classPath = trees.getPath(owner);
        if (classPath == null) {
            return methods; // compiled earlier: nothing to generate
        }
        String source = null;
        for (Tree member : ((ClassTree) classPath.getLeaf()).getMembers()) {
            if (!(member instanceof MethodTree)) {
                continue;
            }
            TreePath path = new TreePath(classPath, member);
            Element e = trees.getElement(path);
            if (!(e instanceof ExecutableElement) || !Validator.isCoroutine(e)) {
                continue;
            }
            if (source == null) {
                try {
                    source = path.getCompilationUnit().getSourceFile().getCharContent(true).toString();
                } catch (IOException ex) {
                    reporter.error("CoroUnsupported", "cannot read the source: " + ex.getMessage(), member,
                            path.getCompilationUnit());
                    return methods;
                }
            }
            methods.add(new CoroMethod((ExecutableElement) e, owner, path, source));
        }
        return methods;
    }

    /** Round one: validates the declarations and writes the companion; false if nothing was written. */
    private boolean writeCompanion(Trees trees, TypeElement owner) {
        Reporter reporter = new Reporter(trees);
        Validator validator = new Validator(trees, reporter);
        List<ExecutableElement> valid = new ArrayList<>();
        for (CoroMethod m : parse(trees, owner, reporter)) {
            if (validator.declaration(m)) {
                valid.add(m.element);
            }
        }
        if (reporter.errorCount() > 0 || valid.isEmpty()) {
            return false;
        }
        // A nested A.B and a top-level A_B flatten to the same A_BCoroutines (and A_BStateMachines), and a
        // class of the package may already bear the name: the Filer's "Attempt to recreate a file" would be
        // the only hint, so the clash is reported as such, on the class that comes second.
        String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
        String name = CompanionEmitter.companionName(owner);
        String qualified = pkg.isEmpty() ? name : pkg + "." + name;
        String holder = companionOwners.get(qualified);
        TypeElement existing = holder != null ? null : processingEnv.getElementUtils().getTypeElement(qualified);
        if (existing != null && trees.getPath(existing) != null
                && existing.getAnnotation(javax.annotation.processing.Generated.class) == null) {
            // a class written by hand in this compilation (a companion of an earlier build is @Generated,
            // or comes from the class path without a tree, and is simply replaced)
            holder = "a class of the package named " + name;
        } else if (holder != null) {
            holder = "the companion of " + holder;
        }
        if (holder != null) {
            reporter.error("CoroUnsupported", "the companion of " + owner.getQualifiedName() + " would be "
                    + qualified + ", which is already " + holder + " (a nested Outer.Inner gives "
                    + "Outer_InnerCoroutines); rename one of the classes", trees.getTree(owner),
                    trees.getPath(owner).getCompilationUnit());
            return false;
        }
        companionOwners.put(qualified, owner.getQualifiedName().toString());
        return write(owner, CompanionEmitter.build(owner, valid), name);
    }

    /**
     * {@code var x = new Object() { ... };} anywhere in the outermost class: the passes attribute that class
     * in a round before the last, and javac then writes the anonymous class into the declaration as its
     * type; the next round drops the class and recreates it, and javac's own compilation of the file fails
     * ("cannot find symbol Foo$1", on JDK 17 to 25, also in methods that are no coroutines). Reported before
     * attributing, with the fix, rather than that error.
     */
    private final Set<Tree> reportedVars = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private int varsOfAnonymousClasses(Trees trees, TypeElement owner, Reporter reporter) {
        Element outer = owner;
        while (outer.getEnclosingElement() instanceof TypeElement) {
            outer = outer.getEnclosingElement();
        }
        TreePath path = trees.getPath(outer);
        if (path == null) {
            return 0;
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        int[] found = {0};
        new com.sun.source.util.TreePathScanner<Void, Void>() {
            @Override
            public Void visitVariable(com.sun.source.tree.VariableTree v, Void unused) {
                Tree init = v.getInitializer();
                while (init instanceof com.sun.source.tree.ParenthesizedTree) {
                    init = ((com.sun.source.tree.ParenthesizedTree) init).getExpression();
                }
                // a local (var is for locals only; an enum constant's synthesized type has no position either)
                boolean local = !(getCurrentPath().getParentPath().getLeaf() instanceof ClassTree);
                boolean implicit = local && (v.getType() == null
                        || trees.getSourcePositions().getEndPosition(unit, v.getType()) < 0);
                if (implicit && init instanceof com.sun.source.tree.NewClassTree
                        && ((com.sun.source.tree.NewClassTree) init).getClassBody() != null) {
                    found[0]++;
                    if (reportedVars.add(v)) { // once, though each class of the file with coroutines looks
                        reporter.error("CoroUnsupported", "'var " + v.getName() + "' of an anonymous class in a "
                                + "class with @Coroutine methods: javac loses the anonymous class when the processor "
                                + "reads the class in an earlier round (javac reports: cannot find symbol Foo$1); "
                                + "give the variable the type of its interface or superclass, or declare a local "
                                + "class", v, unit);
                    }
                }
                return super.visitVariable(v, unused);
            }
        }.scan(path, null);
        return found[0];
    }

    /** Round two: attributes and validates the bodies, runs the passes, and writes the state machines. */
    private void writeStateMachines(Trees trees, TypeElement owner) {
        Reporter reporter = new Reporter(trees);
        Validator validator = new Validator(trees, reporter);
        List<Ctx> methods = new ArrayList<>();
        Set<String> reserved = new HashSet<>();
        if (varsOfAnonymousClasses(trees, owner, reporter) > 0) {
            return; // attributing the class now would break javac's own compilation of those declarations
        }
        // The declarations were validated in the first round: the companion exists only if they all passed.
        for (CoroMethod m : parse(trees, owner, reporter)) {
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
        write(owner, emitter.build(), CompanionEmitter.machinesName(owner));
    }

    private boolean write(TypeElement owner, TypeSpec type, String name) {
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(owner);
        JavaFile file = JavaFile.builder(pkg.getQualifiedName().toString(), type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        try {
            file.writeTo(processingEnv.getFiler());
            return true;
        } catch (IOException ex) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "[CoroUnsupported] cannot write " + name + ": " + ex.getMessage(), owner);
            return false;
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
