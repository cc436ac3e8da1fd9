package h;

/** The same hierarchy, second version, compiled separately: a new subclass the coroutines never saw. */
public final class Zoo {
    private Zoo() {}

    public sealed interface Animal permits Cat, Dog, Bird {}

    public record Cat(int lives) implements Animal {}

    public record Dog(String name) implements Animal {}

    public record Bird() implements Animal {}

    public static Animal third() {
        return new Bird();
    }

    public enum Kind { A, B, C }

    public static Kind lastKind() {
        return Kind.C;
    }
}
