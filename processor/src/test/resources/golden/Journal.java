package demo;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the generated classes reach through method handles: a super call, protected members of a superclass
 * in another package (java.util.AbstractList's modCount and removeRange), the enclosing instance of an inner
 * class; and a local class that captures its loop iteration's locals and is used after an await.
 */
public class Journal extends AbstractList<String> {
    final List<String> entries = new ArrayList<>();

    @Override
    public String get(int index) {
        return entries.get(index);
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Coroutine
    String record(Task<String> entry) {
        entries.add(await(entry));
        modCount++;
        removeRange(0, 0);
        return super.toString() + " after " + modCount + " changes";
    }

    @Coroutine
    List<Supplier<String>> labels(List<Task<String>> names) {
        List<Supplier<String>> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String prefix = "#" + i;
            class Label implements Supplier<String> {
                final String name;

                Label(String name) {
                    this.name = name;
                }

                @Override
                public String get() {
                    return prefix + " " + name;
                }
            }
            out.add(new Label(await(names.get(i))));
        }
        return out;
    }

    class Page {
        int number;

        @Coroutine
        String turn(Task<Integer> by) {
            number += await(by);
            return "page " + number + " of " + entries.size() + " in " + Journal.this.hashCode();
        }
    }
}
