package io.github.coro4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A coroutine script for tests: a state machine in the generated shape (a {@code for(;;) switch(state)} where an
 * await is {@code if (suspend(task, L)) return SUSPENDED;} and label {@code L} reads {@code resume()}), whose body
 * is a list of operations built with {@link Builder}:
 * <pre>{@code
 * Task<String> t = Steps.start(s -> s
 *     .run(() -> log.add("a"))
 *     .tryFinally(b -> b.await(() -> Coro.sleep(ofSeconds(1))),
 *                 f -> f.run(() -> log.add("finally")))
 *     .ret(() -> "done"));
 * }</pre>
 * try/catch and try/finally blocks may contain awaits, like the processor's output: the exception thrown at a
 * resume point unwinds to the innermost handler of the script, a finally block runs with the pending exception
 * and rethrows it at its end. A return must be outside any try block.
 */
final class Steps<T> extends StateMachine<T> {
    private static final int RUN = 0;
    private static final int AWAIT = 1;
    private static final int RESUME = 2;
    private static final int PUSH_FINALLY = 3;
    private static final int PUSH_CATCH = 4;
    private static final int POP = 5;
    private static final int GOTO = 6;
    private static final int END_FINALLY = 7;
    private static final int RETURN = 8;
    private static final int THROW = 9;

    private final Op[] ops;
    /** The open try blocks: indexes of their PUSH ops. */
    private final int[] handlers = new int[16];
    private int depth;
    private Throwable pending;
    private Object last;
    private Throwable caught;

    private Steps(Op[] ops) {
        this.ops = ops;
    }

    /** Creates the coroutine (on the loop thread, like a generated factory) without starting it. */
    static <T> Steps<T> create(Consumer<Builder> script) {
        Builder b = new Builder();
        script.accept(b);
        b.add(new Op(RETURN, null, null, null, 0)); // falls off the end: returns null
        return new Steps<>(b.ops.toArray(new Op[0]));
    }

    /** Creates and starts the coroutine, like calling a generated factory. */
    static <T> Task<T> start(Consumer<Builder> script) {
        Steps<T> s = create(script);
        return s.start();
    }

    /** The value of the last await. */
    Object last() {
        return last;
    }

    /** The exception caught by the innermost catch block that ran. */
    Throwable caught() {
        return caught;
    }

    /** Whether cancel() was requested and not yet delivered (exposes the protected query to tests). */
    boolean cancelRequested() {
        return isCancelRequested();
    }

    @Override
    protected Object step() throws Throwable {
        for (;;) {
            try {
                for (;;) {
                    Op op = ops[state];
                    switch (op.kind) {
                        case RUN:
                            op.action.accept(this);
                            state++;
                            continue;
                        case AWAIT: {
                            Task<?> task = op.task.apply(this);
                            if (suspend(task, state + 1)) {
                                return SUSPENDED;
                            }
                            continue; // state is the RESUME label now: straight on, no queue trip
                        }
                        case RESUME:
                            last = resume();
                            state++;
                            continue;
                        case PUSH_FINALLY:
                        case PUSH_CATCH:
                            handlers[depth++] = state;
                            state++;
                            continue;
                        case POP:
                            depth--;
                            state++;
                            continue;
                        case GOTO:
                            state = op.target;
                            continue;
                        case END_FINALLY: {
                            Throwable p = pending;
                            if (p != null) {
                                pending = null;
                                throw p;
                            }
                            state++;
                            continue;
                        }
                        case RETURN:
                            if (depth != 0) {
                                throw new AssertionError("Steps: return inside a try block is not supported");
                            }
                            state = -1;
                            return op.result != null ? op.result.apply(this) : op.value == null ? null : op.value.get();
                        case THROW:
                            throw (Throwable) op.value.get();
                        default:
                            throw new IllegalStateException("bad state " + state);
                    }
                }
            } catch (Throwable e) {
                if (!unwind(e)) {
                    throw e;
                }
            }
        }
    }

    /** Finds the innermost handler for {@code e}; sets the state to it. False if none. */
    private boolean unwind(Throwable e) {
        while (depth > 0) {
            Op push = ops[handlers[--depth]];
            if (push.kind == PUSH_FINALLY) {
                pending = e;
                state = push.target;
                return true;
            }
            if (push.type.isInstance(e)) {
                caught = e;
                state = push.target;
                return true;
            }
        }
        return false;
    }

    private static final class Op {
        final int kind;
        final Consumer<Steps<?>> action;
        final Function<Steps<?>, Task<?>> task;
        final Supplier<?> value;
        final Function<Steps<?>, Object> result;
        int target;
        Class<? extends Throwable> type;

        Op(int kind, Consumer<Steps<?>> action, Function<Steps<?>, Task<?>> task, Supplier<?> value, int target) {
            this(kind, action, task, value, target, null);
        }

        Op(int kind, Consumer<Steps<?>> action, Function<Steps<?>, Task<?>> task, Supplier<?> value, int target,
           Function<Steps<?>, Object> result) {
            this.result = result;
            this.kind = kind;
            this.action = action;
            this.task = task;
            this.value = value;
            this.target = target;
        }
    }

    /** Builds a script. */
    static final class Builder {
        private final List<Op> ops = new ArrayList<>();

        private Builder add(Op op) {
            ops.add(op);
            return this;
        }

        /** Runs plain code. */
        Builder run(Runnable r) {
            return add(new Op(RUN, s -> r.run(), null, null, 0));
        }

        /** Runs plain code with access to the coroutine (its last value, caught exception). */
        Builder with(Consumer<Steps<?>> r) {
            return add(new Op(RUN, r, null, null, 0));
        }

        /** Awaits the task made by {@code task} when this point is reached; its value becomes {@code last()}. */
        Builder await(Supplier<? extends Task<?>> task) {
            add(new Op(AWAIT, null, s -> task.get(), null, 0));
            return add(new Op(RESUME, null, null, null, 0));
        }

        /** Awaits a task known in advance. */
        Builder await(Task<?> task) {
            return await(() -> task);
        }

        /** Hands the value of the last await to {@code consumer}. */
        Builder then(Consumer<Object> consumer) {
            return with(s -> consumer.accept(s.last()));
        }

        /** Throws {@code failure} (checked or not) from the body. */
        Builder fail(Supplier<? extends Throwable> failure) {
            return add(new Op(THROW, null, null, failure, 0));
        }

        /** {@code try { body } finally { fin }}; both may await. */
        Builder tryFinally(Consumer<Builder> body, Consumer<Builder> fin) {
            Op push = new Op(PUSH_FINALLY, null, null, null, 0);
            add(push);
            body.accept(this);
            add(new Op(POP, null, null, null, 0));
            push.target = ops.size();
            fin.accept(this);
            return add(new Op(END_FINALLY, null, null, null, 0));
        }

        /** {@code try { body } catch (type e) { handler }}; both may await; the handler sees {@code caught()}. */
        Builder tryCatch(Class<? extends Throwable> type, Consumer<Builder> body, Consumer<Builder> handler) {
            Op push = new Op(PUSH_CATCH, null, null, null, 0);
            push.type = type;
            add(push);
            body.accept(this);
            add(new Op(POP, null, null, null, 0));
            Op skip = new Op(GOTO, null, null, null, 0);
            add(skip);
            push.target = ops.size();
            handler.accept(this);
            skip.target = ops.size();
            return this;
        }

        /** Returns the value made by {@code value}; the script ends here. */
        Builder ret(Supplier<?> value) {
            return add(new Op(RETURN, null, null, value, 0));
        }

        /** Returns the value of the last await. */
        Builder retLast() {
            return add(new Op(RETURN, null, null, null, 0, Steps::last));
        }
    }
}
