package io.github.coro4j.processor;

import com.google.testing.compile.Compilation;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The oracle of the behaviour and property tests: runs a {@code @Coroutine} method twice, directly (the
 * untransformed body, every task already complete) and through its generated factory on an event loop
 * (tasks that complete on later turns, so awaits really suspend), and describes each run (result or
 * exception, and the trace the body logged) so that the two can be compared. Each run gets fresh classes,
 * so static state does not leak from one run to the other.
 */
final class Oracle {
    private final Supplier<ClassLoader> loaders;

    Oracle(Compilation compilation) {
        this.loaders = () -> Harness.loader(compilation);
    }

    /** Each run gets a fresh loader from {@code loaders} (to set assertion statuses, say). */
    Oracle(Supplier<ClassLoader> loaders) {
        this.loaders = loaders;
    }

    /**
     * One dynamic test per factory of the owners' companions: the async run must describe the same as the
     * direct run. Every owner must have factories (a missing companion cannot pass silently).
     */
    static java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> everyFactoryMatchesTheDirectRun(
            Compilation c, String... owners) throws ClassNotFoundException {
        Harness.requireSuccess(c);
        Oracle oracle = new Oracle(c);
        ClassLoader l = Harness.loader(c);
        List<org.junit.jupiter.api.DynamicTest> tests = new ArrayList<>();
        for (String owner : owners) {
            String pkg = owner.substring(0, owner.lastIndexOf('.') + 1);
            String companion = pkg + owner.substring(pkg.length()).replace('$', '_') + "Coroutines";
            List<Method> fs = factories(l.loadClass(companion));
            com.google.common.truth.Truth.assertWithMessage("factories of " + owner).that(fs).isNotEmpty();
            for (Method f : fs) {
                Class<?>[] types = new Class<?>[0];
                for (Method m : l.loadClass(owner).getDeclaredMethods()) {
                    if (m.getName().equals(f.getName())) {
                        types = m.getParameterTypes();
                    }
                }
                Class<?>[] ts = types;
                tests.add(org.junit.jupiter.api.DynamicTest.dynamicTest(owner + "." + f.getName(), () -> {
                    String direct = oracle.direct(owner, f.getName(), ts);
                    String async = oracle.async(owner, f.getName(), ts);
                    com.google.common.truth.Truth.assertWithMessage("async run of " + owner + "." + f.getName())
                            .that(async).isEqualTo(direct);
                }));
            }
        }
        return tests.stream();
    }

    /** The factories of a companion class: one per @Coroutine method. */
    static List<Method> factories(Class<?> companion) {
        List<Method> ms = new ArrayList<>();
        for (Method m : companion.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                ms.add(m);
            }
        }
        ms.sort((a, b) -> a.getName().compareTo(b.getName()));
        return ms;
    }

    String direct(String owner, String method, Class<?>... params) {
        return run(owner, method, false, params);
    }

    String async(String owner, String method, Class<?>... params) {
        return run(owner, method, true, params);
    }

    private String run(String ownerName, String method, boolean async, Class<?>[] params) {
        ClassLoader l = loaders.get();
        try {
            Class<?> t = l.loadClass("t.T");
            t.getField("async").setBoolean(null, async);
            @SuppressWarnings("unchecked")
            List<String> trace = (List<String>) t.getField("trace").get(null);
            Class<?> owner = l.loadClass(ownerName);
            String companionName = ownerName.substring(0, ownerName.lastIndexOf('.') + 1)
                    + ownerName.substring(ownerName.lastIndexOf('.') + 1).replace('$', '_') + "Coroutines";
            Class<?> companion = l.loadClass(companionName);
            Method original = null;
            for (Method m : owner.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == params.length) {
                    original = m;
                }
            }
            original.setAccessible(true);
            boolean isStatic = Modifier.isStatic(original.getModifiers());
            Object receiver = isStatic ? null : newInstance(owner);
            Object[] args = args(original.getParameterTypes());
            Object result;
            Throwable failure = null;
            try {
                if (!async) {
                    result = original.invoke(receiver, args);
                } else {
                    Method factory = null;
                    for (Method m : companion.getDeclaredMethods()) {
                        if (m.getName().equals(method) && Modifier.isPublic(m.getModifiers())) {
                            factory = m;
                        }
                    }
                    Object[] fargs = args;
                    if (!isStatic) {
                        fargs = new Object[args.length + 1];
                        fargs[0] = receiver;
                        System.arraycopy(args, 0, fargs, 1, args.length);
                    }
                    Method f = factory;
                    Object[] a = fargs;
                    result = EventLoop.run(() -> {
                        try {
                            return (Task<?>) f.invoke(null, a);
                        } catch (InvocationTargetException e) {
                            throw new IllegalStateException("factory threw", e.getCause());
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    });
                }
            } catch (InvocationTargetException e) {
                result = null;
                failure = e.getCause();
            } catch (Throwable e) {
                result = null;
                failure = e;
            }
            return "result=" + result + " failure=" + (failure == null ? null : failure.getClass().getName()
                    + ": " + failure.getMessage()) + " trace=" + trace;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Object newInstance(Class<?> owner) throws ReflectiveOperationException {
        Class<?> outer = owner.getEnclosingClass();
        if (outer != null && !Modifier.isStatic(owner.getModifiers())) {
            // an inner class: its constructor takes the enclosing instance
            var c = owner.getDeclaredConstructor(outer);
            c.setAccessible(true);
            return c.newInstance(newInstance(outer));
        }
        var c = owner.getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }

    private static Object[] args(Class<?>[] types) {
        Object[] a = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> p = types[i];
            if (p == int.class) {
                a[i] = 3;
            } else if (p == long.class) {
                a[i] = 4L;
            } else if (p == boolean.class) {
                a[i] = true;
            } else if (p == String.class) {
                a[i] = "s";
            } else if (p == List.class) {
                a[i] = new ArrayList<>(List.of(1, 2));
            } else {
                a[i] = "obj";
            }
        }
        return a;
    }
}
