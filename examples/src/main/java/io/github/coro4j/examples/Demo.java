package io.github.coro4j.examples;

public final class Demo {
    public static void main(String[] args) {
        Thread t = Thread.ofVirtual().unstarted(() -> System.out.println("vt ok " + Runtime.version()));
        t.start();
    }
}
