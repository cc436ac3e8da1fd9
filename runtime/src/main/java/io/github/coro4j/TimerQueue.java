package io.github.coro4j;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap on (deadline, sequence) kept in parallel arrays, so a timer costs its
 * entry object plus 20 bytes of array. Cancellation is lazy, as in asyncio: a cancelled entry stays in the
 * heap and is dropped when it reaches the top, and the heap is compacted when more than half of it is
 * cancelled. Loop thread only.
 */
final class TimerQueue {
    /** A timer: a {@link LoopTimer} (callLater) or a {@link SleepTask}. */
    interface Entry {
        /** Whether the entry was cancelled (or otherwise finished) and can be dropped. */
        boolean isDead();

        /** Runs the timer; called on the loop thread when it is due. */
        void fire();
    }

    private static final int MIN_COMPACT = 64;

    private long[] deadlines = new long[16];
    private long[] sequences = new long[16];
    private Entry[] entries = new Entry[16];
    private int size;
    private long nextSequence;
    private int cancelled;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(long deadline, Entry entry) {
        if (size == entries.length) {
            int n = size * 2;
            deadlines = Arrays.copyOf(deadlines, n);
            sequences = Arrays.copyOf(sequences, n);
            entries = Arrays.copyOf(entries, n);
        }
        int i = size++;
        deadlines[i] = deadline;
        sequences[i] = nextSequence++;
        entries[i] = entry;
        siftUp(i);
    }

    /** Counts a cancellation made on the loop thread, and compacts the heap when it is mostly dead. */
    void noteCancelled() {
        noteCancelled(1);
    }

    /** Counts {@code n} cancellations at once (those made on other threads). */
    void noteCancelled(int n) {
        cancelled += n;
        if (cancelled > MIN_COMPACT && cancelled > size / 2) {
            compact();
        }
    }

    /** Drops cancelled entries at the top; returns the earliest live deadline, or Long.MAX_VALUE if none. */
    long nextDeadline() {
        while (size > 0 && entries[0].isDead()) {
            removeTop();
            if (cancelled > 0) {
                cancelled--;
            }
        }
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /** Removes and returns the earliest entry if it is due at {@code now}, else null. Skips cancelled ones. */
    Entry pollDue(long now) {
        for (;;) {
            nextDeadline(); // drops cancelled entries at the top
            // by difference, like the heap order: the clock may be any long and may wrap
            if (size == 0 || deadlines[0] - now > 0) {
                return null;
            }
            Entry e = entries[0];
            removeTop();
            if (!e.isDead()) {
                return e;
            }
        }
    }

    /** Cancels nothing; drops every entry (loop close). Returns them for cleanup. */
    Entry[] drain() {
        Entry[] all = Arrays.copyOf(entries, size);
        Arrays.fill(entries, 0, size, null);
        size = 0;
        cancelled = 0;
        return all;
    }

    private void compact() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            if (!entries[i].isDead()) {
                deadlines[live] = deadlines[i];
                sequences[live] = sequences[i];
                entries[live] = entries[i];
                live++;
            }
        }
        Arrays.fill(entries, live, size, null);
        size = live;
        cancelled = 0;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void removeTop() {
        int last = --size;
        if (last > 0) {
            move(last, 0);
        }
        entries[last] = null;
        if (last > 0) {
            siftDown(0);
        }
    }

    private boolean less(int a, int b) {
        long da = deadlines[a];
        long db = deadlines[b];
        // Deadlines are nanoTime values: compare by difference so a wrap of nanoTime does not reorder them.
        long d = da - db;
        return d < 0 || (d == 0 && sequences[a] < sequences[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                break;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(right, child)) {
                child = right;
            }
            if (!less(child, i)) {
                break;
            }
            swap(i, child);
            i = child;
        }
    }

    private void move(int from, int to) {
        deadlines[to] = deadlines[from];
        sequences[to] = sequences[from];
        entries[to] = entries[from];
    }

    private void swap(int a, int b) {
        long d = deadlines[a];
        deadlines[a] = deadlines[b];
        deadlines[b] = d;
        long s = sequences[a];
        sequences[a] = sequences[b];
        sequences[b] = s;
        Entry e = entries[a];
        entries[a] = entries[b];
        entries[b] = e;
    }
}
