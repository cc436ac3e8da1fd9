package io.github.coro4j.examples.comparison;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/** The task scenarios on virtual threads: parked threads, start-and-finish, park/unpark ping-pong. */
public final class VirtualThreadTasks implements WaitingTasksImpl, SpawnAndCompleteImpl, HandOffImpl {
    private Thread[] waiting;
    private CountDownLatch gate;

    @Override
    public void startWaiting(int count) throws InterruptedException {
        gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(count);
        waiting = new Thread[count];
        CountDownLatch g = gate;
        for (int i = 0; i < count; i++) {
            waiting[i] = Thread.ofVirtual().start(() -> {
                started.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        for (Thread thread : waiting) {
            while (thread.getState() != Thread.State.WAITING) {
                Thread.sleep(1); // not a spin: with one CPU the carrier needs it to park the thread
            }
        }
    }

    @Override
    public void releaseAndJoin() throws InterruptedException {
        gate.countDown();
        for (Thread thread : waiting) {
            thread.join();
        }
        waiting = null;
    }

    @Override
    public void spawnAndComplete(int count) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        Runnable task = done::countDown;
        for (int i = 0; i < count; i++) {
            Thread.ofVirtual().start(task);
        }
        done.await();
    }

    @Override
    public void pingPong(int rounds) throws InterruptedException {
        PingPong game = new PingPong(rounds);
        game.pong = Thread.ofVirtual().unstarted(game::pong);
        game.ping = Thread.ofVirtual().unstarted(game::ping);
        game.pong.start();
        game.ping.start();
        game.ping.join();
        game.pong.join();
    }

    private static final class PingPong {
        final int rounds;
        volatile int turn; // 0: ping's turn, 1: pong's turn
        Thread ping;
        Thread pong;

        PingPong(int rounds) {
            this.rounds = rounds;
        }

        void ping() {
            for (int i = 0; i < rounds; i++) {
                turn = 1;
                LockSupport.unpark(pong);
                while (turn != 0) {
                    LockSupport.park(this);
                }
            }
        }

        void pong() {
            for (int i = 0; i < rounds; i++) {
                while (turn != 1) {
                    LockSupport.park(this);
                }
                turn = 0;
                LockSupport.unpark(ping);
            }
        }
    }
}
