package io.github.coro4j;

import static io.github.coro4j.Support.coro;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** FIFO order within a turn, eager start, no queue trip for completed awaits, completion callbacks later. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopOrderTest {

    @Test
    void callbacksRunInFifoOrderAndNewOnesWaitForTheNextTurn() {
        List<String> log = Support.log();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callSoon(() -> {
                log.add("a");
                loop.callSoon(() -> log.add("a2"));
            });
            loop.callSoon(() -> {
                log.add("b");
                loop.callSoon(() -> log.add("b2"));
            });
            loop.execute(() -> log.add("c"));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of("a", "b", "c", "a2", "b2"), log);
    }

    @Test
    void yieldingCoroutinesInterleaveRoundRobin() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<Object> a = coro(s -> s.run(() -> log.add("a1")).await(Coro::yieldNow)
                    .run(() -> log.add("a2")).await(Coro::yieldNow).run(() -> log.add("a3")));
            Task<Object> b = coro(s -> s.run(() -> log.add("b1")).await(Coro::yieldNow)
                    .run(() -> log.add("b2")).await(Coro::yieldNow).run(() -> log.add("b3")));
            return Coro.all(a, b);
        });
        assertEquals(List.of("a1", "b1", "a2", "b2", "a3", "b3"), log);
    }

    @Test
    void tasksStartEagerlyAndRunUntilTheirFirstRealSuspension() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            log.add("before");
            Task<Object> t = coro(s -> s.run(() -> log.add("body"))
                    .await(Task.completed(1))
                    .run(() -> log.add("after completed await"))
                    .await(Coro::yieldNow)
                    .run(() -> log.add("resumed")));
            log.add("start returned, done=" + t.isDone());
            return t;
        });
        assertEquals(List.of("before", "body", "after completed await", "start returned, done=false", "resumed"),
                log);
    }

    @Test
    void awaitingCompletedTasksNeverSuspends() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.callSoon(() -> log.add("queued before"));
            Task<Integer> child = coro(s -> s.ret(() -> 7)); // completes synchronously
            assertTrue(child.isDone());
            Task<Object> t = coro(s -> s
                    .await(Task.completed("x")).then(v -> log.add("got " + v))
                    .await(child).then(v -> log.add("got " + v))
                    .run(() -> log.add("end")));
            assertTrue(t.isDone(), "completed synchronously, without a queue trip");
            assertEquals(0, loop.pendingTasks());
            log.add("start returned");
            return Coro.yieldNow();
        });
        assertEquals(List.of("got x", "got 7", "end", "start returned", "queued before"), log);
    }

    @Test
    void awaitingACompletedFailedTaskRethrowsAtOnce() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            IllegalStateException boom = new IllegalStateException("boom");
            Task<Object> t = coro(s -> s.tryCatch(IllegalStateException.class,
                    b -> b.await(Task.failed(boom)),
                    h -> h.with(c -> log.add("caught " + (c.caught() == boom)))));
            assertTrue(t.isDone());
            return t;
        });
        assertEquals(List.of("caught true"), log);
    }

    @Test
    void aResumedCoroutineRunsOnALaterTurnNotInsideWhoeverCompletedItsTask() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Promise<String> p = new Promise<>();
            Task<Object> t = coro(s -> s.await(p).then(v -> log.add("resumed with " + v)));
            EventLoop.current().callSoon(() -> {
                p.complete("v");
                log.add("complete() returned");
            });
            return t;
        });
        assertEquals(List.of("complete() returned", "resumed with v"), log);
    }

    @Test
    void onCompleteRunsOnALaterTurnEvenForADoneTask() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Task<String> done = Task.completed("d");
            done.onComplete(t -> log.add("done callback " + t.result()));
            Promise<String> p = new Promise<>();
            p.onComplete(t -> log.add("promise callback " + t.result()));
            log.add("registered");
            p.complete("p");
            log.add("completed");
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of("registered", "completed", "done callback d", "promise callback p"), log);
    }

    @Test
    void waitersOfOneTaskResumeInRegistrationOrder() {
        List<String> log = Support.log();
        TestEventLoop.run(() -> {
            Promise<Integer> p = new Promise<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                coro(s -> s.await(p).run(() -> log.add("w" + n)));
            }
            EventLoop.current().callSoon(() -> p.complete(1));
            return coro(s -> s.await(Coro::yieldNow).await(Coro::yieldNow).await(Coro::yieldNow));
        });
        assertEquals(List.of("w0", "w1", "w2", "w3", "w4"), log);
    }
}
