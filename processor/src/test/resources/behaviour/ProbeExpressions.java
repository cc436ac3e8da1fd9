package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

public class ProbeExpressions {
    static int sx = 1;
    static Integer boxed = 5;
    int field = 3;

    enum Color { RED, GREEN }

    static String over(Object o) { return "O" + o; }
    static String over(String s) { return "S" + s; }
    static String over(long l) { return "L" + l; }
    static String over(char c) { return "C" + c; }
    static String va(Object... xs) { return xs.length + Arrays.toString(xs); }
    static String va2(String f, int... xs) { return f + Arrays.toString(xs); }
    static <T> T id(T t) { return t; }
    static <T extends Comparable<T>> T max(T a, T b) { return a.compareTo(b) >= 0 ? a : b; }
    static int bump() { sx += 100; return sx; }
    static Task<Integer> bumpTask() { sx += 1000; return v(7); }

    class Inner {
        final int k;
        Inner(int k) { this.k = k; }
        public String toString() { return "Inner" + k + "/" + field; }
    }

    @Coroutine
    static String overloads() {
        String a = over(await(v("s")));
        String b = over(await(v(1)));
        String c = over(await(v('c')));
        Object o = "x";
        String d = over(await(v(o)));
        StringBuilder sb = new StringBuilder();
        sb.append(await(v('q'))).append(await(v(1L))).append((char) (int) await(v(66)));
        return a + b + c + d + sb;
    }

    @Coroutine
    static String generics() {
        List<? extends Number> ns = await(v(List.of(1, 2.5, 3L)));
        var first = ns.get(0);
        var it = ns.iterator();
        await(v(0));
        String s = "" + first + it.next() + it.next();
        Map<String, ? super Integer> m = new TreeMap<>();
        m.put("a", await(v(4)));
        String best = max(await(v("b")), "a");
        Integer bi = ProbeExpressions.<Integer>id(await(v(9)));
        List<String> es = await(v(Collections.emptyList()));
        return s + m + best + bi + es + ns.size();
    }

    @Coroutine
    static <T extends Comparable<T>> String typeVars() {
        @SuppressWarnings("unchecked")
        T a = (T) await(v((Comparable<?>) "x"));
        T b = id(a);
        await(v(1));
        return "" + max(a, b) + a.compareTo(b);
    }

    @Coroutine
    static String intersection() {
        boolean c = await(v(true));
        var x = c ? new ArrayList<String>(List.of("q")) : new java.util.LinkedList<String>();
        await(v(0));
        var y = !c ? 1 : "s";
        await(v(0));
        return x.size() + "" + x.get(0) + id((Serializable) x).equals(x) + y + ((Comparable<?>) y).getClass().getSimpleName();
    }

    @Coroutine
    static String boxing() {
        Integer i = 5;
        i += await(v(3));
        i++;
        char ch = 'a';
        ch += await(v(1));
        ch++;
        byte by = 120;
        by += await(v(10));
        short sh = 1;
        sh <<= await(v(17L));
        String s = null;
        s += await(v('c'));
        s += await(v((Object) null));
        boxed++;
        boxed += await(v(2));
        long l = 1L << await(v(40));
        int sh2 = -16 >>> await(v(28));
        Character cc = 'z';
        int sum = 'a' + await(v('b'));
        String cat = "" + 'a' + await(v('b')) + (char) (ch + 1) + null + await(v((String) null));
        return i + "," + ch + "," + by + "," + sh + "," + s + "," + boxed + "," + l + "," + sh2 + cc + sum + cat;
    }

    @Coroutine
    static String divZero() {
        int z = 0;
        try {
            int r = log(10) / z + await(v(log(1)));
            return "no" + r;
        } catch (ArithmeticException e) {
            log("caught");
        }
        try {
            int r = log(10) / await(v(log(0)));
            return "no" + r;
        } catch (ArithmeticException e) {
            return "caught2";
        }
    }

    @Coroutine
    static String order() {
        int[] a = new int[4];
        int i = 0;
        a[i] = await(v(i = 2));
        a[i++] = a[i] + await(v(log(i)));
        sx = 1;
        sx = sx + await(bumpTask());
        int s1 = sx;
        sx = 1;
        sx += await(bumpTask());
        int s2 = sx;
        sx = 1;
        int r = sx + bump() + await(v(sx));
        return Arrays.toString(a) + i + "," + s1 + "," + s2 + "," + r + "," + sx;
    }

    static ProbeExpressions obj(String tag) { log(tag); return new ProbeExpressions(); }
    String m(int x) { return "m" + x + field; }

    @Coroutine
    static String receivers() {
        String a = obj("recv").m(await(v(log(1))));
        String b = obj("r2").new Inner(await(v(log(2)))).toString();
        ProbeExpressions p = new ProbeExpressions();
        p.field = 7;
        ProbeExpressions.Inner in = p.new Inner(await(v(3)));
        return a + b + in;
    }

    @Coroutine
    static String patterns() {
        Object o = await(v("hello"));
        boolean b = o instanceof String s && s.length() > await(v(log(2)));
        String r = "";
        if (await(v(o)) instanceof String t && t.startsWith(await(v("he")))) {
            r += t.length();
        }
        if (!(o instanceof String u) || u.isEmpty() || await(v(u.length())) > 10) {
            r += "no";
        } else {
            r += u + await(v("!"));
        }
        return b + r;
    }

    @Coroutine
    static String casts() {
        Object o = List.of("a", "b");
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) await(v(o));
        int n = (int) await(v(3L)).longValue();
        double d = (double) await(v(3)) / 2;
        long w = (long) (int) await(v(7));
        return l.get(1) + n + d + w;
    }

    @Coroutine
    static String varargs() {
        String a = va(log("a"), await(v(1)), log("c"));
        String b = va();
        String c = va((Object[]) await(v(new String[] {"x", "y"})));
        String d = va2(await(v("f")), 1, await(v(2)), 3);
        String e = va(await(v(null)));
        String f = String.format("%s-%s", await(v("p")), await(v(2)));
        return a + b + c + d + e + f;
    }

    @Coroutine
    static String lambdas() {
        int base = await(v(10));
        String name = "n";
        Supplier<String> s = () -> name + base;
        await(v(0));
        Function<Integer, Integer> f = x -> x + base;
        IntSupplier is = await(v(true)) ? () -> base : () -> -base;
        Supplier<String> ms = name::toUpperCase;
        await(v(0));
        Comparator<String> cmp = new Comparator<>() {
            @Override
            public int compare(String x, String y) {
                return (x + base).compareTo(y + name);
            }
        };
        await(v(0));
        List<Integer> mapped = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            mapped.add(f.apply(k + await(v(k))));
        }
        return s.get() + is.getAsInt() + ms.get() + cmp.compare("a", "b") + mapped + f.apply(1);
    }

    @Coroutine
    static String arrays() {
        int[] a = new int[] {await(v(1)), log(2), await(v(3))};
        int[][] m = {{await(v(4))}, {5, await(v(6))}};
        String[] s = {log("x"), await(v("y"))};
        Object[] os = new Object[await(v(2))];
        int[] b;
        b = new int[] {await(v(8))};
        return Arrays.toString(a) + Arrays.deepToString(m) + Arrays.toString(s) + os.length + b[0];
    }

    @Coroutine
    static String nested() {
        int r = await(v(await(v(3)) + await(v(4))));
        String s = over(await(v(await(v("z")))));
        Color c = await(v(Color.GREEN));
        String sw = switch (await(v(c))) {
            case RED -> "r";
            case GREEN -> "g" + await(v(1));
        };
        int e = switch (c) { case RED -> 1; default -> await(v(2)); } + 1;
        return r + s + sw + e;
    }

    @Coroutine
    String instanceThis() {
        ProbeExpressions me = this;
        int x = await(v(field));
        field += await(v(1));
        Supplier<ProbeExpressions> s = () -> this;
        await(v(0));
        Runnable anon = new Runnable() {
            public void run() { field += x; log("anon" + field); }
        };
        anon.run();
        return "" + (me == s.get()) + field + this.m(await(v(2))) + m(await(v(3)));
    }

    @Coroutine
    static String concat() {
        String s = "a";
        s += await(v(1)) + 2;
        s += 1 + await(v(2));
        char c = 'x';
        String t = c + await(v("y")) + c;
        Object n = null;
        String u = n + "" + await(v(n)) + 'c' + 1 + 2;
        return s + t + u;
    }

    static int two(int a, int b) { return a + b; }
    static <T> List<T> glue(List<T> a, List<T> b) { List<T> r = new ArrayList<>(a); r.addAll(b); return r; }
    static String s2;

    @Coroutine
    static String unboxOrder() {
        Integer n = null;
        String r = "";
        try { int x = n + await(v(log(1))); r += x; } catch (NullPointerException e) { r += "npe1"; }
        try { int x = two(n, await(v(log(2)))); r += x; } catch (NullPointerException e) { r += "npe2"; }
        try { n += await(v(log(3))); r += n; } catch (NullPointerException e) { r += "npe3"; }
        int[] a = {1, 2};
        try { a[n] = await(v(log(4))); } catch (NullPointerException e) { r += "npe4"; }
        Boolean bb = null;
        try { boolean q = bb & await(v(log(true))); r += q; } catch (NullPointerException e) { r += "npe5"; }
        try { boolean q = n == await(v(log(6))); r += q; } catch (NullPointerException e) { r += "npe6"; }
        Integer m = 1000;
        boolean same = m == await(v(1000));
        return r + same + n + (m + "" + await(v(log(7))));
    }

    @Coroutine
    static String wildcards() {
        List<?> w = List.of("a", "b");
        List<? extends CharSequence> cs = List.of("xy");
        int len = cs.get(0).length() + await(v(1));
        var head = cs.get(0);
        await(v(0));
        String j = Stream.of(await(v(1)), await(v(2))).map(x -> x * len).map(String::valueOf).collect(Collectors.joining("|"));
        Optional<String> o = Optional.ofNullable(await(v(null)));
        List<String> copy = new ArrayList<>(await(v(List.of("c"))));
        List<?> aw = await(v(w));
        List<?> g = glue(new ArrayList<>(), aw);
        return "" + g + w.size() + len + head + j + o.orElse("d") + copy;
    }

    @Coroutine
    static String conditionals() {
        boolean t = await(v(true));
        long l = !t ? 2L : await(v(1));
        char c = t ? 'a' : await(v('b'));
        Object o = t ? 1 : await(v("s"));
        Supplier<String> s = t ? () -> "lam" : await(v((Supplier<String>) () -> "x"));
        var sw = switch (await(v(2))) { case 1 -> 'a'; default -> await(v(3)); };
        Supplier<String> ss = switch (await(v(1))) { case 1 -> () -> "sw"; default -> await(v((Supplier<String>) () -> "y")); };
        byte by = t ? 1 : await(v((byte) 2));
        return "" + l + c + o + s.get() + sw + ss.get() + by;
    }

    @Coroutine
    static String genericArrays() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String>[] ls = new List[] {List.of("a"), await(v(List.of("b")))};
        await(v(0));
        String[][] m = {{"x"}, {await(v("y"))}};
        return Arrays.toString(ls) + Arrays.deepToString(m);
    }

    @Coroutine
    static String fieldOrder() {
        s2 = "a";
        s2 += log(s2) + await(v(s2 = "b"));
        String x = s2;
        s2 = "c";
        s2 = s2 + await(v(s2 = "d"));
        return x + "," + s2;
    }

    <X> X gid(X x) { return x; }

    @Coroutine
    String withParams(int k, String s) {
        int local = await(v(k + 1));
        Runnable r = new Runnable() {
            int own = local * 2;
            public void run() { log(s + k + local + own + field); }
        };
        await(v(0));
        r.run();
        List<Supplier<String>> sups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int j = await(v(i));
            sups.add(() -> s + j + k);
        }
        String g = this.<String>gid(await(v("g"))) + gid(await(v(1)));
        StringBuilder out = new StringBuilder();
        for (Supplier<String> x : sups) {
            out.append(x.get());
        }
        return out + g;
    }

    @Coroutine
    static String misc() {
        String sub = await(v("abcdef")).substring(await(v(1)), await(v(3)));
        int x;
        int y = (x = await(v(3))) + x;
        int a, b;
        a = b = await(v(4));
        int q = 5;
        q = q++ + await(v(q));
        Integer[] ia = {1, 2};
        ia[await(v(0))]++;
        ia[await(v(1))] += await(v(10));
        Object o = List.of(1, 2);
        boolean isl = o instanceof List<?> l && l.size() == await(v(2));
        int[][] grid = new int[await(v(2))][await(v(3))];
        String sw = switch (await(v("two"))) { case "one" -> "1"; case "two" -> "2" + await(v("!")); default -> "?"; };
        List<Integer> anon = new ArrayList<>(await(v(List.of(7)))) {
            @Override
            public String toString() { return "anon" + super.toString(); }
        };
        Class<?> k = await(v(true)) ? int.class : String.class;
        return sub + x + y + a + b + q + Arrays.toString(ia) + isl + grid.length + grid[1].length + sw + anon + k;
    }

    static <T> T pick(T a, T b) { return a; }

    @Coroutine
    static String intersections2() {
        boolean c = await(v(false));
        var r = c ? new StringBuilder("sb") : "str";
        await(v(0));
        var z = pick(await(v(1)), "s");
        await(v(0));
        Map<String, ? extends Number> m = new TreeMap<>(Map.of("a", 1, "b", 2L));
        var it = m.entrySet().iterator();
        await(v(0));
        int sum = it.next().getValue().intValue() + it.next().getValue().intValue();
        List<? super Integer> ws = new ArrayList<Number>();
        ws.add(await(v(3)));
        var w0 = ws.get(0);
        await(v(0));
        return r.length() + "" + r.charAt(0) + r + z + sum + w0;
    }

    @Coroutine
    static String genericInit() {
        @SuppressWarnings("unchecked")
        List<String>[] ls = (List<String>[]) new List<?>[] {List.of("a"), await(v(List.of("b")))};
        await(v(0));
        String[] ss = {"s", "t"};
        int i = 0;
        ss[i++] += await(v(i));
        char ch = 'a';
        ch = (char) (ch + await(v(2)));
        Map<String, List<Integer>> mm = new TreeMap<>();
        mm.computeIfAbsent(await(v("k")), kk -> new ArrayList<>()).add(await(v(1)));
        int x = 1;
        x = x + await(v(x = 5));
        int[] a = {10, 20, 30};
        int j = 0;
        int y = a[j++] + await(v(j)) + a[j];
        String z = twoS(j = 2, await(v(j)));
        return Arrays.toString(ls) + Arrays.toString(ss) + ch + mm + x + y + z + j;
    }

    static String twoS(Object a, Object b) { return a + "/" + b; }

    @Coroutine
    String anonOuter() {
        int base = await(v(2));
        Supplier<String> s = new Supplier<>() {
            @Override
            public String get() { return ProbeExpressions.this.field + ":" + m(base) + field + base; }
        };
        await(v(0));
        final int f = await(v(9));
        Supplier<Integer> sf = () -> f + base;
        await(v(0));
        ProbeExpressions self = await(v(this));
        return s.get() + sf.get() + self.<String>gid("q") + await(v(self)).<Integer>gid(await(v(4)));
    }

    static String submit(java.util.concurrent.Callable<?> c, int k) { return "callable" + k; }
    static String submit(Runnable r, int k) { return "runnable" + k; }

    static class Box<B> {
        final B b;
        Box(B b) { this.b = b; }
        public String toString() { return "Box(" + b + ")"; }
    }

    @Coroutine
    static <T extends Comparable<? super T>> String inference() {
        int[] counter = {0};
        String s1 = submit(() -> counter[0]++, await(v(1)));
        String s2 = submit(() -> { counter[0]++; }, await(v(2)));
        String s3 = submit(Object::new, await(v(3)));
        List<Long> ll = Collections.nCopies(await(v(2)), await(v(5L)));
        Box<Integer> bx = new Box<>(await(v(1))) { };
        var bx2 = new Box<>(await(v("q")));
        Comparable<?> cmp = ProbeExpressions.<String>id(await(v("e")));
        T t = null;
        T t2 = ProbeExpressions.<T>id(t);
        Character cc = 'a';
        cc++;
        Long big = 1L;
        big <<= await(v(3));
        Byte by = 1;
        int neg = -await(v(5)) + ~await(v(0));
        boolean not = !await(v(false));
        String ov1 = over(await(v(true)) ? "a" : await(v("b")));
        String ov2 = over(await(v(false)) ? (Object) 'x' : await(v('y')));
        String ov4 = over(switch (await(v(1))) { case 1 -> await(v("sw")); default -> "d"; });
        return s1 + s2 + s3 + ll + bx + bx2 + cmp + t2 + cc + big + by + neg + not + ov1 + ov2 + ov4 + counter[0];
    }

    @Coroutine
    static String genericArrayInit() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String>[] ls = new List[] {List.of("z")};
        List<String> x = await(v(List.of("a")));
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<String>[] arr = ls.length > 0 ? new List[] {x, await(v(List.of("b")))} : ls;
        await(v(0));
        return Arrays.toString(arr) + Arrays.toString(ls);
    }

    static int[] arr(String tag) { log(tag); return new int[] {1, 2, 3}; }
    static int idx(int i) { log("idx" + i); return i; }

    @Coroutine
    static String order2() {
        int[] a = arr("a");
        a[idx(1)] += await(v(log(10)));
        arr("b")[idx(2)] += await(v(log(20)));
        int x = 1;
        int y = 2;
        x += (y += await(v(3)));
        int[] b = new int[3];
        a[idx(0)] = b[idx(1)] = await(v(log(7)));
        ProbeExpressions.sx = 5;
        ProbeExpressions.sx += await(v(1));
        Supplier<String> up = await(v("abc"))::toUpperCase;
        boolean t = await(v(true));
        Supplier<String> pick = t ? await(v((Supplier<String>) () -> "s1")) : () -> "s2";
        List<String> l = !t ? Collections.emptyList() : await(v(List.of("l")));
        String ov = over(t ? null : await(v("s")));
        return Arrays.toString(a) + Arrays.toString(b) + x + y + sx + up.get() + pick.get() + l + ov
                + (char) (await(v('a')) + 1);
    }

    @Coroutine
    static String patterns2() {
        Object o = await(v(Map.of("k", 1)));
        String r = "";
        if (await(v(o)) instanceof Map<?, ?> mm && !mm.isEmpty()) {
            r += mm.size();
        }
        Object p = await(v("str"));
        if (p instanceof String s) {
            await(v(0));
            r += s.length();
        }
        if (!(p instanceof String q)) {
            return "not";
        }
        await(v(0));
        r += q.toUpperCase();
        try {
            Color c = await(v((Color) null));
            switch (c) {
                case RED: r += "red"; break;
                default: r += "other";
            }
        } catch (NullPointerException e) {
            r += "npe";
        }
        try {
            switch (await(v((Color) null))) {
                case RED -> r += "red";
                default -> r += await(v("other"));
            }
        } catch (NullPointerException e) {
            r += "npe2";
        }
        return r;
    }

    @Coroutine
    String instanceOrder() {
        field = 1;
        String a = m(field++) + m(await(v(field)));
        String b = twoS(field++, await(v(field)));
        this.field += await(v(field *= 2));
        return a + b + field;
    }

    @Coroutine
    static String capturedBounds() {
        List<? super Integer> ws = new ArrayList<Number>(List.of(1, 2));
        ws.subList(0, 1).add(await(v(5)));
        List<? extends Number> ns = List.of(1, 2.5);
        double d = ns.subList(0, 2).get(await(v(1))).doubleValue();
        List<? extends Enum<?>> es = List.of(Color.RED, Color.GREEN);
        String e = es.subList(0, 2).get(await(v(1))).name();
        Map<String, ? extends List<? super Integer>> m = Map.of("k", new ArrayList<Object>());
        m.entrySet().iterator().next().getValue().add(await(v(3)));
        var sub = ns.subList(0, 1);
        await(v(0));
        return ws + "" + d + e + m + sub.get(0).intValue();
    }

    static String take(Function<String, Integer> f) { return "f" + f.apply("abc"); }

    @Coroutine
    static String targetTypedTasks() {
        Function<String, Integer> f = await(v(String::length));
        Supplier<String> s = await(v(() -> "x"));
        String t = take(await(v(String::length)));
        int n = await(v((Function<String, Integer>) String::length)).apply("ab");
        Comparator<String> byLength = await(v(Comparator.comparing(String::length)));
        return f.apply("abcd") + s.get() + t + n + byLength.compare("a", "bb");
    }

    class GenInner<G> {
        final G g;
        GenInner(G g) { this.g = g; }
        public String toString() { return "GI" + g + field; }
    }

    @Coroutine
    String innerCreation() {
        Inner a = this.new Inner(await(v(1)));
        Inner b = new Inner(await(v(2)));
        ProbeExpressions other = new ProbeExpressions();
        other.field = 9;
        GenInner<String> c = other.new GenInner<>(await(v("x")));
        GenInner<Integer> d = other.new GenInner<Integer>(await(v(4)));
        var e = (await(v(true)) ? other : this).new Inner(await(v(5)));
        String sw = "a" + switch (await(v(1))) { case 1 -> await(v('c')); default -> 'd'; };
        return "" + a + b + c + d + e + sw;
    }

    @Coroutine
    static String intersectionTemps() {
        boolean c = await(v(true));
        int a = (c ? new StringBuilder("xy") : await(v("s"))).length();
        int b = (switch (await(v(1))) { case 1 -> new StringBuilder("xyz"); default -> await(v("s")); }).length();
        CharSequence cs = !c ? "q" : await(v(new StringBuilder("sb")));
        return "" + a + b + cs + over(c ? new StringBuilder("o") : await(v("p")));
    }

    static int sumAll(String tag, int... xs) { return tag.length() + Arrays.stream(xs).sum(); }

    @Coroutine
    static <T extends Comparable<? super T>, R extends List<T>> String genericBody(T one) {
        T x = one == null ? null : one;
        @SuppressWarnings("unchecked")
        T[] arr = (T[]) new Comparable<?>[] {x, await(v(x))};
        List<T> list = new ArrayList<>(Arrays.asList(arr));
        Map<String, List<? super T>> m = new TreeMap<>();
        m.computeIfAbsent(await(v("k")), k -> new ArrayList<>()).add(await(v(x)));
        @SuppressWarnings("unchecked")
        R r = (R) await(v(list));
        Integer nul = null;
        String s = "";
        try {
            s += sumAll("t", 1, nul, await(v(log(2))));
        } catch (NullPointerException e) {
            s += "npe";
        }
        try {
            s += new int[nul][await(v(log(3)))].length;
        } catch (NullPointerException e) {
            s += "npe2";
        }
        Supplier<Object> self = () -> r;
        return list.size() + "" + m.size() + r.size() + s + (self.get() == r);
    }

    enum Op {
        ADD { int ap(int a, int b) { return a + b; } },
        MUL { int ap(int a, int b) { return a * b; } };
        abstract int ap(int a, int b);
    }

    @Coroutine
    static String enumBodies() {
        Op op = await(v(Op.MUL));
        return op + "" + op.ap(await(v(6)), 7) + Op.ADD.ap(1, await(v(2)));
    }

    @Coroutine
    static String oddShapes() {
        int[] a = {1, 2};
        (a)[await(v(0))] += 5;
        String t = ((Object) await(v("s"))).toString();
        int e = await(v(new int[] {7, 8}))[await(v(1))];
        String j = String.join(",", await(v(List.of("a", "b"))));
        List<Integer> boxedArr = Arrays.asList(await(v(new Integer[] {1, 2})));
        List<int[]> prims = Arrays.asList(await(v(new int[] {1, 2})));
        String n = over(await(v(null)));
        String vs = va(await(v(true)) ? log("x") : await(v("y")), await(v(false)) ? 1 : await(v(2)));
        Integer k = 1;
        k += await(v(k = 10));
        return Arrays.toString(a) + t + e + j + boxedArr + prims.size() + n + vs + k;
    }

    @Coroutine
    static String typeLikeNames() {
        String T = "tee";
        int ProbeExpressions = await(v(2));
        String Arrays = T + await(v(T)) + twice(ProbeExpressions) + over(ProbeExpressions);
        return Arrays + ProbeExpressions;
    }

    static int twice(int x) { return 2 * x; }
}
