package a;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A superclass in another package than its subclass b.Derived: protected members, overridden methods. */
public class Base {
    protected int count = 1;
    protected String name = "base";
    protected static int shared = 10;
    protected final List<String> log = new ArrayList<>();
    protected long big = 5L;
    public static int plain = 3;

    protected String greet(String who) {
        return "base:" + who;
    }

    public String describe() {
        return "Base.describe" + count;
    }

    protected int twice(int x) throws IOException {
        if (x < 0) {
            throw new IOException("negative " + x);
        }
        return 2 * x;
    }

    protected static String tag(Object... parts) {
        return "tag" + Arrays.toString(parts);
    }

    public static String label() {
        return "label";
    }

    protected <X> X id(X x) {
        return x;
    }

    protected void fail(String why) {
        throw new IllegalStateException(why);
    }

    /** An interface with a default method, for Named.super.name(). */
    public interface Named {
        default String name() {
            return "Named.name";
        }
    }
}
