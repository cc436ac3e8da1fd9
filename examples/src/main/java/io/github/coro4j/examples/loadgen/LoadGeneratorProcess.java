package io.github.coro4j.examples.loadgen;

import io.github.coro4j.examples.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a {@link LoadGenerator} in a child JVM (so its connections have a descriptor limit of their own). */
public final class LoadGeneratorProcess {
    private LoadGeneratorProcess() {
    }

    /**
     * Runs one load test in a child JVM and returns its result.
     *
     * @param cpu the CPU to pin the generator to, or -1
     */
    public static LoadResult run(LoadSpec spec, int cpu) throws IOException {
        Duration timeout = Duration.ofMillis(spec.warmupMillis() + spec.durationMillis()).plusSeconds(60);
        try (ChildJvm child = ChildJvm.start("load generator", LoadGenerator.class,
                List.of("-Xmx512m", "-XX:+UseSerialGC"), spec.toArgs(), cpu)) {
            return LoadResult.parse(child.awaitLine("RESULT ", timeout));
        }
    }
}
