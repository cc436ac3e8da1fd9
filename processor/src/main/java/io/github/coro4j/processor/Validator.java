package io.github.coro4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * The validate pass: reports every misuse that the transform cannot honour, each as an error at the
 * offending tree with a stable tag (docs/guide.md lists them). It runs before anything is generated,
 * and a method with an error generates nothing.
 */
final class Validator {
    private final Trees trees;
    private final Reporter reporter;

    Validator(Trees trees, Reporter reporter) {
        this.trees = trees;
        this.reporter = reporter;
    }

    /** Checks that apply to the declaration alone; false if the method cannot be transformed at all. */
    boolean declaration(CoroMethod m) {
        Tree at = m.tree;
        if (m.element.getKind() == ElementKind.CONSTRUCTOR) {
            reporter.error("CoroOnConstructor", "@Coroutine cannot be applied to a constructor: a constructor "
                    + "cannot return a Task; move the body to a static @Coroutine factory method", at, m.unit);
            return false;
        }
        if (m.element.getModifiers().contains(Modifier.NATIVE)) {
            reporter.error("CoroOnNativeMethod", "@Coroutine cannot be applied to a native method", at, m.unit);
            return false;
        }
        if (m.element.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            // The direct call holds the monitor for the whole body; the state machine runs it in steps, between
            // which the loop runs other code: it can neither hold the monitor across them nor honour it.
            reporter.error("CoroAwaitInSynchronized", "@Coroutine on a synchronized method: a suspended "
                    + "coroutine cannot hold a monitor; remove synchronized and use io.github.coro4j's Lock, or "
                    + "a synchronized block around code without awaits", at, m.unit);
            return false;
        }
        if (m.element.getModifiers().contains(Modifier.ABSTRACT) || m.tree.getBody() == null) {
            reporter.error("CoroOnAbstractMethod", "@Coroutine needs a method body; " + m.element.getSimpleName()
                    + " is abstract. Annotate the implementations instead", at, m.unit);
            return false;
        }
        if (m.owner.getNestingKind() == NestingKind.LOCAL || m.owner.getNestingKind() == NestingKind.ANONYMOUS) {
            reporter.error("CoroUnsupported", "@Coroutine in a local or anonymous class: the companion class "
                    + "cannot name it; move the method to a top-level or member class", at, m.unit);
            return false;
        }
        for (Element e = m.owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.error("CoroPrivateAccess", "the class " + e.getSimpleName() + " is private, so the "
                        + "generated companion cannot reach " + m.element.getSimpleName()
                        + "; make the class package-private", at, m.unit);
                return false;
            }
        }
        return true;
    }

    /** Checks of the body; returns the number of errors reported. */
    int body(CoroMethod m, Awaits awaits) {
        int before = reporter.errorCount();
        for (TreePath a : awaits.all) {
            Tree child = a.getLeaf();
            for (TreePath p = a.getParentPath(); p != null && p.getLeaf() != m.tree;
                    child = p.getLeaf(), p = p.getParentPath()) {
                Tree t = p.getLeaf();
                if (t instanceof LambdaExpressionTree) {
                    reporter.error("CoroAwaitInLambda", "await in a lambda: a lambda is a separate function and "
                            + "cannot suspend the coroutine; await outside it, or make it a @Coroutine method",
                            a.getLeaf(), m.unit);
                    break;
                } else if (t instanceof ClassTree) {
                    boolean anonymous = p.getParentPath().getLeaf() instanceof NewClassTree;
                    reporter.error(anonymous ? "CoroAwaitInAnonymousClass" : "CoroAwaitInLocalClass",
                            "await in " + (anonymous ? "an anonymous" : "a local") + " class body: its methods "
                                    + "are separate functions and cannot suspend the coroutine",
                            a.getLeaf(), m.unit);
                    break;
                } else if (t instanceof SynchronizedTree && child != ((SynchronizedTree) t).getExpression()) {
                    // the lock expression is evaluated before the monitor is entered: an await there is fine
                    reporter.error("CoroAwaitInSynchronized", "await inside synchronized: a suspended coroutine "
                            + "cannot hold a monitor (the loop thread would run other code while holding it); "
                            + "use io.github.coro4j's Lock instead", a.getLeaf(), m.unit);
                    break;
                }
            }
        }
        new Scanner(m, awaits).scan(m.bodyPath(), null);
        return reporter.errorCount() - before;
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CoroMethod m;
        private final Awaits awaits;

        Scanner(CoroMethod m, Awaits awaits) {
            this.m = m;
            this.awaits = awaits;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            checkPrivate(node);
            return super.visitIdentifier(node, unused);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            checkPrivate(node);
            return super.visitMemberSelect(node, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            checkPrivate(node);
            return super.visitMemberReference(node, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            checkPrivate(node);
            return super.visitNewClass(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = trees.getElement(getCurrentPath());
            if (e != null && isCoroutine(e)) {
                String companion = CompanionEmitter.companionName((TypeElement) e.getEnclosingElement());
                reporter.error("CoroDirectCall", "calling the @Coroutine method " + e.getSimpleName()
                        + " directly runs its body without suspending (its awaits fail on pending tasks); "
                        + "await its task instead: await(" + companion + "." + e.getSimpleName() + "(...))",
                        node, m.unit);
            }
            return super.visitMethodInvocation(node, unused);
        }

        private void checkPrivate(Tree node) {
            Element e = trees.getElement(getCurrentPath());
            if (e == null || !e.getModifiers().contains(Modifier.PRIVATE) || declaredInBody(e)
                    || !outermost(e).equals(outermost(m.owner))
                    || MemberAccess.implicitRecordAccessor(trees, e) != null) {
                return; // a record component's field is read through its implicit accessor
            }
            if (e.getKind() == ElementKind.FIELD && e.getEnclosingElement().getKind() == ElementKind.RECORD
                    && !e.getModifiers().contains(Modifier.STATIC)) {
                reporter.error("CoroPrivateAccess", "the field '" + e.getSimpleName() + "' of a record is private, "
                        + "and this record declares its own accessor " + e.getSimpleName() + "(), which may "
                        + "return something else, so the generated " + CompanionEmitter.companionName(m.owner)
                        + " cannot stand in for the field; call " + e.getSimpleName() + "() here", node, m.unit);
                return;
            }
            String what = e.getKind() == ElementKind.CONSTRUCTOR ? "the constructor of "
                    + e.getEnclosingElement().getSimpleName() : "'" + e.getSimpleName() + "'";
            reporter.error("CoroPrivateAccess", what + " is private, so the generated "
                    + CompanionEmitter.companionName(m.owner) + " cannot use it; make it package-private", node, m.unit);
        }

        private boolean declaredInBody(Element e) {
            for (Element x = e; x != null; x = x.getEnclosingElement()) {
                if (x.equals(m.element)) {
                    return true;
                }
            }
            return false;
        }
    }

    static boolean isCoroutine(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals("io.github.coro4j.Coroutine")) {
                return true;
            }
        }
        return false;
    }

    private static Element outermost(Element e) {
        Element top = e;
        for (Element x = e; x != null; x = x.getEnclosingElement()) {
            if (x instanceof TypeElement) {
                top = x;
            }
        }
        return top;
    }
}
