package h;

/** A sealed hierarchy, first version: the coroutines are compiled against it. */
public final class Zoo {
    private Zoo() {}

    public sealed interface Animal permits Cat, Dog {}

    public record Cat(int lives) implements Animal {}

    public record Dog(String name) implements Animal {}

    public static Animal third() {
        return new Dog("rex");
    }

    public enum Kind { A, B }

    public static Kind lastKind() {
        return Kind.B;
    }
}
