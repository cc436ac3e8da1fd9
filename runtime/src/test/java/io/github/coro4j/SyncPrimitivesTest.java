package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.*;

import io.github.coro4j.sync.BoundedQueue;
import io.github.coro4j.sync.Event;
import io.github.coro4j.sync.Lock;
import io.github.coro4j.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Lock, Semaphore, Event, BoundedQueue: fairness and no lost wakeups, with cancellation in the mix. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SyncPrimitivesTest {

    /** acquire; log; hold for {@code holdMs}; release in finally. */
    static Task<Object> holder(Lock lock, List<String> log, String name, int holdMs) {
        return coro(s -> s.await(lock::acquire).run(() -> log.add(name + " got"))
                .tryFinally(b -> b.await(() -> Coro.sleep(ofMillis(holdMs))),
                        f -> f.run(() -> {
                            log.add(name + " releases");
                            lock.release();
                        })));
    }

    @Test
    void lockIsGrantedInRequestOrder() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Lock lock = new Lock();
            List<Task<Object>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(holder(lock, log, "t" + i, 10 - i));
            }
            assertTrue(lock.isLocked());
            assertFalse(lock.tryAcquire());
            return Coro.all(all);
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add("t" + i + " got");
            expected.add("t" + i + " releases");
        }
        assertEquals(expected, log);
    }

    @Test
    void aCancelledLockWaiterGivesUpItsPlaceAndTheNextOneIsWoken() {
        List<String> log = Support.log();
        boolean[] unlockedAtEnd = new boolean[1];
        TestEventLoop.run(() -> {
            Lock lock = new Lock();
            Task<Object> a = holder(lock, log, "a", 10);
            Task<Object> b = holder(lock, log, "b", 10);
            Task<Object> c = holder(lock, log, "c", 10);
            EventLoop.current().callLater(ofMillis(5), b::cancel);
            return coro(s -> s.await(a).await(c).tryCatch(CancelledException.class, x -> x.await(b), h -> { })
                    .run(() -> unlockedAtEnd[0] = !lock.isLocked()));
        });
        assertEquals(List.of("a got", "a releases", "c got", "c releases"), log);
        assertTrue(unlockedAtEnd[0]);
    }

    @Test
    void aWaiterCancelledAfterBeingGrantedStillReleasesInItsFinally() {
        List<String> log = Support.log();
        boolean[] unlocked = new boolean[1];
        TestEventLoop.run(() -> {
            Lock lock = new Lock();
            Task<Object> a = holder(lock, log, "a", 10);
            Task<Object> b = holder(lock, log, "b", 10);
            // when a releases, b is granted the lock and its resumption queued; cancel it right then
            EventLoop.current().callLater(ofMillis(10), () -> EventLoop.current().callSoon(b::cancel));
            return coro(s -> s.await(a).tryCatch(CancelledException.class, x -> x.await(b),
                    h -> h.run(() -> log.add("b cancelled")))
                    .run(() -> unlocked[0] = !lock.isLocked()));
        });
        assertEquals(List.of("a got", "a releases", "b got", "b releases", "b cancelled"), log);
        assertTrue(unlocked[0]);
    }

    @Test
    void releasingAnUnlockedLockFails() {
        TestEventLoop.run(() -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertTrue(e.getMessage().contains("not locked"), e.getMessage());
            return Task.completed(null);
        });
    }

    @Test
    void semaphoreBoundsConcurrencyAndServesWaitersInOrder() {
        List<String> log = Support.log();
        int[] running = new int[1];
        int[] max = new int[1];
        TestEventLoop.run(() -> {
            Semaphore sem = new Semaphore(3);
            List<Task<Object>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                all.add(coro(s -> s.await(sem::acquire).run(() -> {
                    log.add("start " + n);
                    max[0] = Math.max(max[0], ++running[0]);
                }).tryFinally(b -> b.await(() -> Coro.sleep(ofMillis(10 + n))), f -> f.run(() -> {
                    running[0]--;
                    sem.release();
                }))));
            }
            assertEquals(0, sem.availablePermits());
            assertEquals(7, sem.waiting());
            return Coro.all(all);
        });
        assertEquals(3, max[0]);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("start " + i);
        }
        assertEquals(expected, log);
    }

    @Test
    void aCancelledSemaphoreWaiterDoesNotSwallowAPermit() {
        int[] permits = new int[1];
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Semaphore sem = new Semaphore(1);
            assertTrue(sem.tryAcquire());
            Task<Object> w1 = coro(s -> s.await(sem::acquire).run(() -> log.add("w1")));
            Task<Object> w2 = coro(s -> s.await(sem::acquire).run(() -> log.add("w2")).run(sem::release));
            w1.cancel();
            EventLoop.current().callLater(ofMillis(1), sem::release);
            return coro(s -> s.await(w2).run(() -> permits[0] = sem.availablePermits()));
        });
        assertEquals(List.of("w2"), log);
        assertEquals(1, permits[0]);
    }

    @Test
    void eventWakesEveryWaiterInOrderAndLaterWaitsPassUntilCleared() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Event ev = new Event();
            for (int i = 0; i < 4; i++) {
                int n = i;
                coro(s -> s.await(ev::waitUntilSet).run(() -> log.add("w" + n)));
            }
            EventLoop.current().callLater(ofSeconds(1), ev::set);
            return coro(s -> s.await(() -> Coro.sleep(ofSeconds(2)))
                    .with(c -> log.add("set " + ev.isSet() + ", wait done " + ev.waitUntilSet().isDone()))
                    .run(ev::clear)
                    .with(c -> log.add("cleared, wait done " + ev.waitUntilSet().isDone())));
        });
        assertEquals(List.of("w0", "w1", "w2", "w3", "set true, wait done true", "cleared, wait done false"), log);
    }

    @Test
    void queueDeliversEverythingInOrderWithinItsCapacity() {
        List<Integer> got = new ArrayList<>();
        int[] maxSize = new int[1];
        TestEventLoop.run(() -> {
            BoundedQueue<Integer> q = new BoundedQueue<>(4);
            int n = 10_000;
            Task<Object> producer = coro(s -> {
                for (int i = 0; i < n; i++) {
                    int v = i;
                    s.await(() -> q.put(v)).run(() -> maxSize[0] = Math.max(maxSize[0], q.size()));
                }
            });
            Task<Object> consumer = coro(s -> {
                for (int i = 0; i < n; i++) {
                    s.await(q::take).then(v -> got.add((Integer) v));
                    if (i % 7 == 0) {
                        s.await(Coro::yieldNow);
                    }
                }
            });
            return Coro.all(producer, consumer);
        });
        assertEquals(10_000, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, got.get(i));
        }
        assertTrue(maxSize[0] <= 4, "size " + maxSize[0]);
    }

    @Test
    void putWaitsWhileFullUntilATake() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            BoundedQueue<String> q = new BoundedQueue<>(1);
            assertTrue(q.offer("a"));
            assertFalse(q.offer("x"));
            Task<Object> p = coro(s -> s.await(() -> q.put("b")).run(() -> log.add("put b at "
                    + EventLoop.current().time() / 1_000_000_000)));
            assertFalse(p.isDone());
            return coro(s -> s.await(() -> Coro.sleep(ofSeconds(3)))
                    .await(q::take).then(v -> log.add("took " + v))
                    .await(q::take).then(v -> log.add("took " + v))
                    .with(c -> log.add("poll " + q.poll())));
        });
        // take() moves the waiting put's item in at once; the producer resumes on a later turn
        assertEquals(List.of("took a", "took b", "poll null", "put b at 3"), log);
    }

    @Test
    void manyProducersAndConsumersLoseNothingEvenWithCancelledTakers() {
        int producers = 5;
        int perProducer = 2_000;
        long[] sum = new long[1];
        int[] count = new int[1];
        TestEventLoop.run(() -> {
            BoundedQueue<Integer> q = new BoundedQueue<>(3);
            List<Task<Object>> prods = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                prods.add(coro(s -> {
                    for (int i = 0; i < perProducer; i++) {
                        int v = base + i + 1;
                        s.await(() -> q.put(v));
                        if (i % 3 == 0) {
                            s.await(Coro::yieldNow);
                        }
                    }
                }));
            }
            // takers that give up: their cancelled takes must not swallow items
            for (int i = 0; i < 20; i++) {
                Task<Integer> take = q.take();
                if (!take.isDone()) {
                    take.cancel();
                } else {
                    sum[0] += take.result();
                    count[0]++;
                }
            }
            List<Task<Object>> cons = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                cons.add(coro(s -> {
                    for (int i = 0; i < 100_000; i++) {
                        s.await(q::take).then(v -> {
                            sum[0] += (Integer) v;
                            count[0]++;
                        });
                    }
                }));
            }
            Task<List<Object>> all = Coro.all(prods);
            return coro(s -> s.await(all).await(() -> Coro.sleep(ofSeconds(1)))
                    .run(() -> cons.forEach(Task::cancel)).await(() -> Coro.sleep(ofSeconds(1))));
        });
        long n = (long) producers * perProducer;
        assertEquals(n, count[0]);
        assertEquals(n * (n + 1) / 2, sum[0]);
    }

    @Test
    void primitivesRefuseUseFromAnotherLoop() {
        Lock lock = new Lock();
        TestEventLoop.run(() -> lock.acquire());
        TestEventLoop.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
            assertTrue(e.getMessage().contains("one event loop"), e.getMessage());
            return Task.completed(null);
        });
        IllegalStateException off = assertThrows(IllegalStateException.class, new Event()::set);
        assertTrue(off.getMessage().contains("no running event loop"), off.getMessage());
    }

    @Test
    void badConstructorArgumentsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage()
                .contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BoundedQueue<>(0)).getMessage()
                .contains("at least 1"));
    }
}
