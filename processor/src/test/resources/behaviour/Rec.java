package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.function.IntSupplier;

/** A record's component fields are private: the generated code reads them through the implicit accessors. */
public record Rec(int w, String name) {
    Rec() {
        this(3, "rec");
    }

    @Coroutine
    String fields() {
        int a = w + await(v(1));
        String s = this.name + await(v("!"));
        IntSupplier later = () -> w * 2;
        log(a + s);
        return s + a + await(v(later.getAsInt())) + name.length();
    }

    @Coroutine
    static int otherInstance(int k) {
        Rec r = new Rec(k, "other");
        int before = r.w;
        await(v(null));
        return before + r.w + r.name.length() + await(v(r.w));
    }
}
