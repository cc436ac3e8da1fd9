package io.github.coro4j.examples.comparison;

/** The columns of the comparison: the ways of writing the same server or task. */
public enum Side {
    /** coro4j: {@code @Coroutine} state machines on event loops. */
    COROUTINES("coroutines"),
    /** Blocking code on JDK virtual threads. */
    VIRTUAL_THREADS("virtual threads"),
    /** Netty 4.2, NIO transport: the reference event-loop server. */
    NETTY("Netty"),
    /** A hand-written callback-style NIO server on one thread: the floor a coroutine server can at best match. */
    NIO_FLOOR("NIO floor");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    /** The column heading. */
    public String label() {
        return label;
    }

    /** The name used on command lines and in the CSV, such as {@code virtual-threads}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The side whose {@link #id()} is {@code id}. */
    public static Side ofId(String id) {
        for (Side side : values()) {
            if (side.id().equals(id)) {
                return side;
            }
        }
        throw new IllegalArgumentException("no side " + id);
    }
}
