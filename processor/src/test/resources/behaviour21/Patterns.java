package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import io.github.coro4j.Coroutine;
import java.util.Arrays;
import java.util.List;

/** Java 21 switches that await: pattern labels, guards, case null, record patterns (behaviour, JDK 21+). */
public class Patterns {
    sealed interface Shape permits Circle, Square, Rect {}

    record Circle(int r) implements Shape {}

    record Square(int side) implements Shape {}

    record Rect(Point a, Point b) implements Shape {}

    record Point(int x, int y) {}

    enum Color { RED, GREEN, BLUE }

    static final List<Object> VALUES = Arrays.asList("str", 7, -3, 0, 2L, null, new Point(1, 2), new Point(5, 1),
            Color.RED, new Circle(2), "abc", List.of(1));

    @Coroutine
    static String typePatternsStatement() {
        StringBuilder sb = new StringBuilder();
        for (Object o : VALUES) {
            switch (await(v(log(o)))) {
                case null -> sb.append("null");
                case String s -> sb.append("S").append(await(v(s.length()))).append(s);
                case Integer i when i > 0 -> sb.append("pos").append(i);
                case Integer i -> {
                    sb.append("int");
                    sb.append(await(v(i * 2)));
                    sb.append(i);
                }
                case Point(int x, int y) when log(x) < await(v(y)) -> sb.append("P").append(x + y);
                case Point p -> sb.append(p);
                default -> sb.append("other:").append(await(v(String.valueOf(o))));
            }
            sb.append(';');
        }
        return sb.toString();
    }

    /** Guards run in order, only after their pattern matched; the selector is evaluated once. */
    @Coroutine
    static String guardsInOrder() {
        String r = "";
        for (Object o : VALUES) {
            r += switch (log(o)) {
                case Integer i when log("g1:" + i) != null && await(v(i)) > 5 -> "big" + i;
                case Integer i when log("g2:" + i) != null && i < 0 -> "neg" + await(v(i));
                case Integer i when await(v(log("g3:" + i))).isEmpty() -> "never";
                case Integer i when i == await(v(0)) -> "zero";
                case Integer i -> "int" + i;
                case String s when s.length() == await(v(3)) -> "three" + s;
                case String s -> "str" + await(v(s));
                case null, default -> {
                    log("def");
                    yield "d" + await(v(1));
                }
            } + ",";
        }
        return r;
    }

    @Coroutine
    static String nullSelectorWithoutCaseNull() {
        Object o = await(v(null));
        try {
            switch (o) {
                case String s -> log(await(v(s)));
                default -> log("default");
            }
            return "no npe";
        } catch (NullPointerException e) {
            return "npe " + await(v("caught"));
        }
    }

    @Coroutine
    static String nullSelectorOfAnExpression() {
        String r = "";
        try {
            r += switch ((Shape) await(v(null))) {
                case Circle c -> "c" + await(v(c.r()));
                case Square s -> "s";
                case Rect x -> "r";
            };
        } catch (NullPointerException e) {
            r += "npe";
        }
        return r;
    }

    @Coroutine
    static String colonForm() {
        StringBuilder sb = new StringBuilder();
        outer:
        for (Object o : VALUES) {
            switch (o) {
                case null:
                    sb.append("n");
                    break;
                case String s:
                    sb.append(await(v(s)));
                    if (s.length() == 3) {
                        continue outer;
                    }
                    sb.append('!');
                    break;
                case Integer i when i > await(v(0)):
                    sb.append("+").append(i);
                    break;
                case Color c:
                    sb.append(await(v(c.ordinal())));
                    // falls through out of a pattern into default
                default:
                    sb.append("D");
            }
            sb.append('|');
        }
        return sb.toString();
    }

    @Coroutine
    static String colonExpression() {
        String r = "";
        for (Object o : VALUES) {
            int n = switch (await(v(o))) {
                case Integer i when i > 0:
                    yield i;
                case Integer i:
                    yield await(v(-i - 100));
                case String s: {
                    String t = await(v(s + s));
                    yield t.length();
                }
                case null, default:
                    yield 0;
            };
            r += n + " ";
        }
        return r;
    }

    @Coroutine
    static String recordPatterns() {
        List<Shape> shapes = List.of(new Circle(1), new Square(await(v(4))), new Square(2),
                new Rect(new Point(1, 0), new Point(1, 3)), new Rect(new Point(1, 1), new Point(2, 5)));
        String r = "";
        for (Shape sh : shapes) {
            r += switch (sh) {
                case Circle c -> "C" + await(v(c.r()));
                case Square(int side) when await(v(side)) > 3 -> "bigS" + side;
                case Square(var side) -> "S" + side;
                case Rect(Point(var x1, var y1), Point(int x2, int y2)) when x1 == await(v(x2)) -> "vertical"
                        + await(v(y2 - y1)) + x1 + y1;
                case Rect(Point a, Point(int x2, int y2)) -> "R" + a + await(v(x2 * y2)) + x2;
            } + ";";
        }
        return r;
    }

    /** An exhaustive switch statement over a sealed type, no default. */
    @Coroutine
    static String sealedStatement() {
        String r = "";
        for (Shape sh : List.<Shape>of(new Square(3), new Circle(5), new Rect(new Point(0, 0), new Point(1, 1)))) {
            switch (sh) {
                case Circle c:
                    r += await(v(c.r()));
                    break;
                case Square s:
                    r += "sq" + s.side();
                    break;
                case Rect(Point a, var b):
                    r += await(v(a)) + "-" + b;
                    break;
            }
        }
        return r;
    }

    @Coroutine
    static String enumAndStringWithNull() {
        String r = "";
        for (Color c : Arrays.asList(Color.RED, null, Color.GREEN, Color.BLUE)) {
            switch (c) {
                case RED -> r += await(v("red"));
                case null -> r += "null";
                case Color.GREEN -> r += "green";
                default -> r += await(v("other"));
            }
        }
        for (String s : Arrays.asList("a", null, "b")) {
            r += switch (s) {
                case "a" -> await(v(1));
                case null, default -> await(v(2));
            };
        }
        return r;
    }

    /** A binding of the guard (instanceof in when) is in scope in the body, after awaits. */
    @Coroutine
    static String guardBindings() {
        String r = "";
        for (Object o : VALUES) {
            switch (o) {
                case Point p when p.x() > 2 && await(v(p.y())) instanceof Integer k -> r += "k" + await(v(k)) + p;
                case List<?> l when l.get(0) instanceof Integer first -> r += "first" + await(v(first));
                case null, default -> r += ".";
            }
        }
        return r;
    }

    /** Same-named bindings in different cases; a binding captured by a lambda. */
    @Coroutine
    static String scopes() {
        String r = "";
        for (Object o : VALUES) {
            java.util.function.Supplier<String> f = switch (o) {
                case Integer x when java.util.stream.IntStream.of(7, 3).anyMatch(k -> k == x) -> () -> "in" + x;
                case Integer x when await(v(x)) % 2 == 0 -> () -> "even" + x;
                case Integer x -> {
                    int y = await(v(x + 1));
                    yield () -> "odd" + x + y;
                }
                case String x -> () -> "s" + x;
                default -> () -> "-";
            };
            r += f.get() + await(v(","));
        }
        return r;
    }

    /** Exceptions in guards and bodies propagate; a throwing guard leaves the switch. */
    @Coroutine
    static String throwingGuard() {
        String r = "";
        for (Object o : VALUES) {
            try {
                r += switch (o) {
                    case Integer i when await(v(i)) / i > 0 -> "ok" + i;
                    case Integer i -> "int" + i;
                    default -> "d";
                };
            } catch (ArithmeticException e) {
                r += "div";
            }
        }
        return r;
    }

    /** Record patterns in instanceof, with bindings used after awaits. */
    @Coroutine
    static String instanceofRecordPatterns() {
        String r = "";
        for (Object o : VALUES) {
            if (o instanceof Point(int x, var y) && await(v(x)) < y) {
                r += "lt" + await(v(x)) + y;
            } else if (o instanceof Point(var x, int y)) {
                await(v(0));
                r += "ge" + x + y;
            }
            if (!(o instanceof Circle(int radius))) {
                continue;
            }
            r += "c" + await(v(radius)) + radius;
        }
        return r;
    }
}
