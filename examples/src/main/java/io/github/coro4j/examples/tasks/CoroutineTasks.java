package io.github.coro4j.examples.tasks;

import static io.github.coro4j.Coro.all;
import static io.github.coro4j.Coro.await;
import static io.github.coro4j.Coro.yieldNow;

import io.github.coro4j.Coroutine;
import io.github.coro4j.EventLoop;
import io.github.coro4j.Promise;
import io.github.coro4j.Task;
import io.github.coro4j.examples.comparison.HandOffImpl;
import io.github.coro4j.examples.comparison.SpawnAndCompleteImpl;
import io.github.coro4j.examples.comparison.WaitingTasksImpl;
import io.github.coro4j.sync.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The comparison's task scenarios as coroutines, on one event loop thread (the virtual-thread side runs with one
 * carrier thread):
 * <ul>
 * <li>memory: {@code count} {@link #waitFor} tasks, each suspended on one shared {@link Promise};
 * <li>spawn: {@code count} {@link #trivial} tasks, each of which yields once (so it is scheduled through the
 *     loop once, as a virtual thread is scheduled once on its carrier) and completes;
 * <li>hand-off: {@link #ping} and {@link #pong} wake each other through two {@link Event}s.
 * </ul>
 */
public final class CoroutineTasks implements WaitingTasksImpl, SpawnAndCompleteImpl, HandOffImpl {
    private EventLoop loop;
    private Promise<Void> gate;
    private List<Task<Void>> waiting;

    /** Waits until {@code gate} completes. */
    @Coroutine
    static void waitFor(Promise<Void> gate) {
        await(gate);
    }

    /** Yields to the loop once, then completes. */
    @Coroutine
    static void trivial() {
        await(yieldNow());
    }

    /** Spawns {@code count} {@link #trivial} tasks and waits for them all. */
    @Coroutine
    static void spawnAll(int count) {
        List<Task<Void>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tasks.add(CoroutineTasksCoroutines.trivial());
        }
        await(all(tasks));
    }

    /** The first player: wakes {@code pong}, then waits to be woken, {@code rounds} times. */
    @Coroutine
    static void ping(Event pingTurn, Event pongTurn, int rounds) {
        for (int i = 0; i < rounds; i++) {
            pongTurn.set();
            await(pingTurn.waitUntilSet());
            pingTurn.clear();
        }
    }

    /** The second player: waits to be woken, then wakes {@code ping}, {@code rounds} times. */
    @Coroutine
    static void pong(Event pingTurn, Event pongTurn, int rounds) {
        for (int i = 0; i < rounds; i++) {
            await(pongTurn.waitUntilSet());
            pongTurn.clear();
            pingTurn.set();
        }
    }

    /** Both players on one loop, until both are done. */
    @Coroutine
    static void game(int rounds) {
        Event pingTurn = new Event();
        Event pongTurn = new Event();
        Task<Void> b = CoroutineTasksCoroutines.pong(pingTurn, pongTurn, rounds);
        Task<Void> a = CoroutineTasksCoroutines.ping(pingTurn, pongTurn, rounds);
        await(all(a, b));
    }

    @Override
    public void startWaiting(int count) throws Exception {
        if (loop == null) {
            loop = EventLoop.startThread("coroutine-tasks");
        }
        try {
            startWaitingOnLoop(count);
        } catch (Exception | Error e) {
            loop.close(); // a loop thread left running would keep the probe's JVM alive
            loop = null;
            throw e;
        }
    }

    private void startWaitingOnLoop(int count) throws Exception {
        gate = get(loop.submit(() -> Task.completed(new Promise<Void>()))); // a Promise belongs to a loop: made on it
        Promise<Void> g = gate;
        waiting = get(loop.submit(() -> {
            List<Task<Void>> tasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tasks.add(CoroutineTasksCoroutines.waitFor(g)); // runs to its await and suspends there
            }
            return Task.completed(tasks);
        }));
    }

    @Override
    public void releaseAndJoin() throws Exception {
        Promise<Void> g = gate;
        List<Task<Void>> tasks = waiting;
        get(loop.submit(() -> {
            g.complete(null);
            return all(tasks);
        }));
        waiting = null;
        gate = null;
        loop.close();
        loop = null;
    }

    @Override
    public void spawnAndComplete(int count) throws Exception {
        runOnLoop(() -> CoroutineTasksCoroutines.spawnAll(count));
    }

    @Override
    public void pingPong(int rounds) throws Exception {
        runOnLoop(() -> CoroutineTasksCoroutines.game(rounds));
    }

    private static void runOnLoop(java.util.function.Supplier<Task<Void>> work) throws Exception {
        EventLoop l = EventLoop.startThread("coroutine-tasks");
        try {
            get(l.submit(work));
        } finally {
            l.close();
        }
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
