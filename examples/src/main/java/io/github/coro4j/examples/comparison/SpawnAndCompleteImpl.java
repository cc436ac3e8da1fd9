package io.github.coro4j.examples.comparison;

/** The spawn scenario: create, start and complete trivial tasks; the probe times it and reports tasks per second. */
public interface SpawnAndCompleteImpl {
    /** Spawns {@code count} tasks that do nothing and returns once all have completed. */
    void spawnAndComplete(int count) throws Exception;
}
