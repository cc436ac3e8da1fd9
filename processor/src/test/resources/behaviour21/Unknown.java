package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import h.Zoo;
import io.github.coro4j.Coroutine;
import java.util.List;

/** Exhaustive switches over a sealed type that meet a subclass added after they were compiled. */
public class Unknown {
    @Coroutine
    static String expression() {
        String r = "";
        for (Zoo.Animal a : List.of(new Zoo.Cat(1), Zoo.third())) {
            r += switch (await(v(log(a)))) {
                case Zoo.Cat c -> "cat" + await(v(c.lives()));
                case Zoo.Dog d when d.name().length() > await(v(5)) -> "long dog";
                case Zoo.Dog d -> "dog" + d.name();
            };
        }
        return r;
    }

    @Coroutine
    static String statement() {
        String r = "";
        for (Zoo.Animal a : List.of(new Zoo.Cat(2), Zoo.third())) {
            switch (a) {
                case Zoo.Cat c -> r += await(v("cat"));
                case Zoo.Dog d -> r += await(v("dog"));
            }
        }
        return r;
    }

    /** An enum switch expression without default (no patterns) meeting a constant added later. */
    @Coroutine
    static String enumExpression() {
        String r = "";
        for (Zoo.Kind k : List.of(Zoo.Kind.A, Zoo.lastKind())) {
            r += switch (await(v(log(k)))) {
                case A -> "a" + await(v(1));
                case B -> "b";
            };
        }
        return r;
    }
}
