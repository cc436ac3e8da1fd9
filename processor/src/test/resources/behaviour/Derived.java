package b;

import static io.github.coro4j.Coro.await;
import static t.T.log;
import static t.T.v;

import a.Base;
import io.github.coro4j.Coroutine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the companion cannot name directly: super calls, protected members of a superclass in another package
 * (a.Base), the enclosing instance of an inner class, and local classes that capture locals and are used after
 * an await.
 */
public class Derived extends Base implements Base.Named {
    int own = 100;

    @Override
    protected String greet(String who) {
        return "derived:" + who;
    }

    @Override
    public String describe() {
        return "Derived.describe" + count;
    }

    @Override
    public String name() {
        return "Derived.name";
    }

    static String show(Derived d) {
        return "d" + d.own + "/" + d.count;
    }

    /** super calls of overridden methods (before and after awaits, in a lambda), super.field. */
    @Coroutine
    String supers() {
        String a = super.greet(await(v("x")));
        String b = greet("y");
        String c = super.describe() + "/" + describe();
        String d = await(v("n")) + Named.super.name() + "/" + name();
        int f = super.count + await(v(1));
        super.count += await(v(5));
        super.count++;
        Supplier<String> s = () -> super.greet("lambda") + super.count;
        log(super.greet(log("arg")));
        Named own = new Named() {
            @Override
            public String name() {
                return "anon+" + Named.super.name(); // the anonymous class's own superinterface
            }
        };
        log(own.name());
        Supplier<String> describeRef = super::describe;
        Function<String, String> greetRef = super::greet;
        Supplier<String> nameRef = Named.super::name;
        Function<String, String> idRef = this::id;
        BiFunction<Derived, String, String> unbound = Derived::id;
        log(describeRef.get() + greetRef.apply(await(v("ref"))) + nameRef.get() + idRef.apply("i")
                + unbound.apply(this, "u"));
        String thrown;
        try {
            thrown = "" + super.twice(await(v(-2)));
        } catch (IOException e) {
            thrown = "caught " + e.getMessage();
        }
        Derived.this.own += super.describe().length() > await(v(3)) ? 1 : 0;
        return a + " " + b + " " + c + " " + d + " " + f + " " + super.count + " " + s.get() + " " + thrown + " "
                + Derived.this.own;
    }

    /** Protected fields and methods of a.Base: compound assignments, ++, static ones, checked exceptions. */
    @Coroutine
    String protectedMembers() throws IOException {
        count += await(v(2));
        count += 3;
        this.count *= await(v(2));
        int old = count++;
        int pre = ++this.count;
        count--;
        big <<= await(v(2));
        big += 1.5;
        name = await(v("renamed"));
        name += "!";
        this.name = this.name + count;
        shared += await(v(1));
        shared++;
        super.shared += await(v(3));
        Derived.shared *= 2;
        Base.shared--;
        plain += super.plain + Base.plain;
        String staticViaSuper = super.tag(await(v("s"))) + super.label();
        log.add(await(v("first")));
        log.add(greet("z"));
        int t = twice(await(v(21)));
        String tagged = tag(1, "two", await(v(3)));
        String same = id(await(v("id")));
        Derived other = new Derived();
        other.count += await(v(7));
        other.count++;
        List<Derived> others = List.of(other, new Derived());
        int[] at = {0};
        others.get(at[0]++).count += at[0] * 100 + log(5);
        others.get(log(at[0])).count -= 2;
        int fromOther = other.twice(other.count);
        String failed;
        try {
            twice(await(v(-1)));
            failed = "no";
        } catch (IOException e) {
            failed = "caught " + e.getMessage();
        }
        try {
            fail(await(v("unchecked")));
        } catch (IllegalStateException e) {
            failed += " and " + e.getMessage();
        }
        Base anon = new Base() {
            @Override
            public String describe() {
                count += 40; // the anonymous Base's own protected field: a subclass in the companion too
                return "anon" + count + greet("a") + this.count + super.describe();
            }
        };
        String an = await(v("A")) + anon.describe();
        failed += " " + an;
        return count + " " + old + " " + pre + " " + big + " " + name + " " + shared + " " + log + " " + t + " "
                + tagged + " " + same + " " + plain + " " + staticViaSuper + " " + fromOther + " " + other.count + " " + others.get(1).count + " " + at[0]
                + " " + failed;
    }

    /** A protected method that throws: the exception propagates unwrapped to the task. */
    @Coroutine
    int protectedThrows() throws IOException {
        int x = await(v(-3));
        return twice(x);
    }

    /** A local class in a loop capturing that iteration's locals, created before and after awaits. */
    @Coroutine
    String localClasses(String param) {
        List<Supplier<String>> made = new ArrayList<>();
        String prefix = await(v("p"));
        for (int i = 0; i < 3; i++) {
            int sq = i * i;
            String label = "it" + i;
            class Item implements Supplier<String> {
                final int extra;

                Item(int extra) {
                    this.extra = extra;
                }

                @Override
                public String get() {
                    Supplier<String> inner = () -> label + sq;
                    return prefix + param + label + ":" + sq + "+" + extra + "," + inner.get() + own;
                }
            }
            Item first = new Item(-1);
            made.add(first);
            made.add(new Item(await(v(i))));
            own++;
            made.add(new Item(await(v(10 + i))));
        }
        StringBuilder b = new StringBuilder();
        for (Supplier<String> s : made) {
            b.append(s.get()).append(' ');
        }
        return b.toString();
    }

    class Inner {
        int mine = 7;

        /** Members of the enclosing Derived: read, written, compound; Derived.this as a value; new Sibling(). */
        @Coroutine
        String outerMembers() {
            own += await(v(1));
            Derived.this.own *= 2;
            own++;
            int read = own + await(v(0));
            count += await(v(3));
            count++;
            String g = greet("inner") + Derived.this.describe() + super.toString().startsWith("b.Derived$Inner@");
            Derived me = Derived.this;
            String passed = show(Derived.this) + show(await(v(me)));
            String outerSuper = Derived.super.greet(await(v("os"))) + Derived.super.describe() + Derived.super.count;
            Derived.super.count += await(v(2));
            Function<String, String> outerSuperRef = Derived.super::greet;
            log(outerSuperRef.apply("osr"));
            Sibling s = new Sibling();
            Supplier<String> later = () -> "lambda" + own + Derived.this.own + greet("l");
            return mine + " " + own + " " + read + " " + count + " " + g + " " + passed + " " + s.get() + " "
                    + later.get() + " " + twiceOuter(await(v(4))) + " " + outerSuper + " " + count;
        }

        int twiceOuter(int x) {
            return own * x;
        }

        class Deeper {
            /** Two levels out: Derived's members through Inner's enclosing instance. */
            @Coroutine
            String deep() {
                own += await(v(5));
                mine += await(v(1));
                count++;
                Inner middle = Inner.this;
                return own + " " + mine + " " + count + " " + Derived.this.describe() + " " + middle.mine + " "
                        + greet(await(v("deep"))) + show(Derived.this);
            }
        }
    }

    class Sibling {
        String get() {
            return "sibling" + own;
        }
    }
}
