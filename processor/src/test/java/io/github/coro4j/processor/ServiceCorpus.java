package io.github.coro4j.processor;

import java.util.Random;

/**
 * The "typical" corpus of {@link CompileBenchmark}: coroutine methods shaped like service code (a retry loop,
 * an aggregation over a collection, a request handler with try/finally and a switch, validation logic with
 * one await), a few awaits each among ordinary statements. The "await-dense" corpus is {@link ProgramGenerator}'s
 * random programs, where nearly every statement awaits: a worst case.
 */
final class ServiceCorpus {
    /** The service the methods call: tasks that complete at once (the benchmark only compiles). */
    static final String SERVICE = String.join("\n",
            "package t;",
            "",
            "import io.github.coro4j.Task;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "",
            "public final class Svc {",
            "    public static final List<String> records = new ArrayList<>();",
            "    private Svc() {}",
            "    public static Task<String> get(String key) { return Task.completed(key); }",
            "    public static Task<Integer> count(String key) { return Task.completed(key.length()); }",
            "    public static void record(String line) { records.add(line); }",
            "}",
            "");

    static final String HEADER = String.join("\n",
            "package g;",
            "",
            "import static io.github.coro4j.Coro.await;",
            "import static io.github.coro4j.Coro.sleep;",
            "",
            "import io.github.coro4j.Coroutine;",
            "import java.time.Duration;",
            "import java.util.HashMap;",
            "import java.util.List;",
            "import java.util.Map;",
            "import t.Svc;",
            "",
            "public class Bench {",
            "");

    private final Random rnd;

    ServiceCorpus(long seed) {
        this.rnd = new Random(seed);
    }

    String method(int i) {
        int k = rnd.nextInt(9) + 1;
        switch (i % 4) {
            case 0:
                return String.join("\n",
                        "    @Coroutine",
                        "    static String fetch" + i + "(String key, int attempts) {",
                        "        IllegalStateException last = null;",
                        "        for (int i = 0; i < attempts; i++) {",
                        "            try {",
                        "                String v = await(Svc.get(key + i));",
                        "                if (v.isEmpty()) {",
                        "                    continue;",
                        "                }",
                        "                return v.trim().toUpperCase() + " + k + ";",
                        "            } catch (IllegalStateException e) {",
                        "                last = e;",
                        "                await(sleep(Duration.ofMillis(" + k + "L * (i + 1))));",
                        "            }",
                        "        }",
                        "        throw new IllegalStateException(\"gave up on \" + key, last);",
                        "    }",
                        "");
            case 1:
                return String.join("\n",
                        "    @Coroutine",
                        "    static int total" + i + "(List<String> keys) {",
                        "        int sum = " + k + ";",
                        "        Map<String, Integer> seen = new HashMap<>();",
                        "        for (String key : keys) {",
                        "            Integer known = seen.get(key);",
                        "            if (known != null) {",
                        "                sum += known;",
                        "                continue;",
                        "            }",
                        "            int n = await(Svc.count(key));",
                        "            seen.put(key, n);",
                        "            sum += n * " + k + ";",
                        "        }",
                        "        return sum;",
                        "    }",
                        "");
            case 2:
                return String.join("\n",
                        "    @Coroutine",
                        "    static String handle" + i + "(String request) {",
                        "        StringBuilder log = new StringBuilder();",
                        "        String user = await(Svc.get(\"user:\" + request));",
                        "        try {",
                        "            log.append(user).append(':');",
                        "            int quota = await(Svc.count(user)) - " + k + ";",
                        "            if (quota <= 0) {",
                        "                return \"denied \" + user;",
                        "            }",
                        "            String body = await(Svc.get(\"body:\" + request));",
                        "            log.append(body.length());",
                        "            return switch (quota % 3) {",
                        "                case 0 -> body;",
                        "                case 1 -> body.toUpperCase();",
                        "                default -> body + \"!\";",
                        "            };",
                        "        } finally {",
                        "            Svc.record(log.toString());",
                        "        }",
                        "    }",
                        "");
            default:
                return String.join("\n",
                        "    @Coroutine",
                        "    static boolean validate" + i + "(String name, int age, List<String> tags) {",
                        "        if (name == null || name.isBlank()) {",
                        "            return false;",
                        "        }",
                        "        int limit = tags.size() > " + k + " ? 100 : 120;",
                        "        if (age < 0 || age > limit) {",
                        "            return false;",
                        "        }",
                        "        String canonical = name.strip().toLowerCase();",
                        "        String known = await(Svc.get(\"name:\" + canonical));",
                        "        return known.equals(canonical) && !tags.contains(\"blocked\");",
                        "    }",
                        "");
        }
    }
}
