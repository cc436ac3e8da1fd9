package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.ArrayList;
import java.util.List;

public class Instance {
    int n = 1;
    final List<String> events = new ArrayList<>();
    static String label = "L";

    class Inner {
        String show() {
            return "inner" + n;
        }
    }

    static String value() {
        return "outer";
    }

    int get() {
        return n;
    }

    @Coroutine
    String bump() {
        this.n += await(v(2));
        n++;
        n = get() + await(v(10));
        events.add(await(v("e")));
        Inner in = new Inner();
        Runnable r = () -> events.add("lambda" + this.n);
        r.run();
        return in.show() + events + label + this.get();
    }

    static class Nested {
        int m = 5;

        @Coroutine
        String nested() {
            return label + await(v(m)) + value();
        }
    }
}
