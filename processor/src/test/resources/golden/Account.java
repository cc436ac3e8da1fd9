package demo;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.util.ArrayList;
import java.util.List;

public class Account<C> {
    long balance;
    final List<C> history = new ArrayList<>();

    /** An instance coroutine: fields and methods of the receiver, a generic type of the class. */
    @Coroutine
    long deposit(Task<Long> amount, C note) {
        balance += await(amount);
        history.add(note);
        return this.balance;
    }
}
