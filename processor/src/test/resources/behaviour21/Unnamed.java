package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.Arrays;
import java.util.List;

/** Unnamed patterns and variables (Java 22) in switches that await. */
public class Unnamed {
    record Point(int x, int y) {}

    record Box(Object content) {}

    static final List<Object> VALUES = Arrays.asList(new Point(1, 2), new Box("s"), new Box(3), "str", 4, null);

    @Coroutine
    static String unnamed() {
        String r = "";
        for (Object o : VALUES) {
            r += switch (o) {
                case Point(int _, int y) when await(v(y)) > 1 -> "y" + y;
                case Point _ -> "point";
                case Box(String _), Box(Integer _) -> "box" + await(v(1));
                case String _, Integer _ -> {
                    int _ = await(v(log(7)));
                    yield "si";
                }
                case null, default -> "d";
            } + ",";
        }
        return r;
    }
}
