package io.github.coro4j.examples;

import io.github.coro4j.Coro;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A first look at the event loop: many timers on one thread. */
public final class Demo {
    public static void main(String[] args) {
        System.out.println("coro4j demo on Java " + Runtime.version() + " (" + Thread.currentThread().getName() + ")");
        long start = System.nanoTime();
        int n = 100_000;
        List<Integer> done = EventLoop.run(() -> {
            List<Task<Void>> sleeps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sleeps.add(Coro.sleep(Duration.ofMillis(100 + i % 100)));
            }
            return Coro.all(sleeps).onComplete(t -> { });
        }).size() == n ? List.of(n) : List.of();
        System.out.printf("%d timers on one loop thread completed in %d ms%n", done.get(0),
                (System.nanoTime() - start) / 1_000_000);
    }
}
