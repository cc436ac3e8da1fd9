package io.github.coro4j;

/** Rethrowing a failure as it is, checked or not: await and result() promise the original exception. */
final class Throwables {
    private Throwables() {}

    /** Throws {@code t} unchanged. Declared to return so callers can write {@code throw sneaky(t)}. */
    static RuntimeException sneaky(Throwable t) {
        throw Throwables.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
