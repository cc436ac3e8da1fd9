package io.github.coro4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body the coro4j annotation processor turns into a state machine.
 *
 * <p>For a method {@code m} of class {@code Foo}, the processor generates {@code FooCoroutines.m(...)}: a
 * factory with the same parameters (an instance method takes its receiver first) that returns a
 * {@link Task} and runs the body on the current {@link EventLoop}, suspending at each
 * {@link Coro#await(Task)}. The method itself stays ordinary Java; called directly, its awaits only accept
 * tasks that are already complete.
 *
 * <p>Retained in class files so that the processor can recognise calls to coroutines compiled earlier.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Coroutine {}
