package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Local records, enums and interfaces (Java 16+) that live across awaits, also inside generic types and
 * arrays; lambdas of a local functional interface; conversions at awaits; text blocks.
 */
public class Locals {
    static String doubled(String s) {
        return s + s;
    }

    @Coroutine
    static String localTypes() {
        record Pair(int a, String b) { }
        enum Mode { ON, OFF }
        interface Shout { String up(String s); }
        Pair p = new Pair(await(v(1)), "b");
        Mode m = Mode.valueOf(await(v("OFF")));
        Shout sh = s -> s.toUpperCase();
        Shout twice = Locals::doubled;
        await(v(null));
        var q = new Pair(2, await(v("z")));
        log(q);
        return p + " " + m + " " + sh.up(p.b()) + " " + twice.up(q.b()) + " " + Mode.values().length;
    }

    @Coroutine
    static String localTypesInGenerics() {
        record Pair(int a, String b) { }
        List<Pair> ps = new ArrayList<>();
        ps.add(new Pair(1, "x"));
        await(v(null));
        ps.add(new Pair(await(v(2)), "y"));
        int sum = 0;
        for (Pair p : ps) {
            sum += p.a() + await(v(10));
        }
        Optional<Pair> first = ps.stream().findFirst();
        Map<String, List<Pair>> byName = Map.of("all", ps);
        Pair[] array = {new Pair(7, "w")};
        await(v(null));
        array[0] = new Pair(array[0].a() + await(v(1)), array[0].b());
        return sum + ps.get(1).b() + first.get().b() + byName.get("all").size() + array[0];
    }

    @Coroutine
    static String conversions(boolean flag) {
        long r = await(v(2)) + 1L;
        double d = flag ? await(v(3)) : 2.5;
        Integer boxed = !flag ? await(v(4)) : null;
        char c = 'a';
        c += await(v(2));
        short s = 10;
        s *= await(v(3));
        String str = "x" + await(v('y')) + 1 + 2 + await(v(3L));
        String block = """
            hi\
             there""";
        try {
            int j = flag ? await(v((Integer) null)) : 0;
            log(j);
        } catch (NullPointerException e) {
            log("npe");
        }
        return r + "|" + d + "|" + boxed + "|" + c + "|" + s + "|" + str + "|" + block;
    }
}
