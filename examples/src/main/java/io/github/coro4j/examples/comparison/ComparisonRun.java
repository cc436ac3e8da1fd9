package io.github.coro4j.examples.comparison;

import io.github.coro4j.examples.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the scenarios of one comparison run share: the plan, the CPUs to pin children to, the result table, the
 * rows to chart, and the progress lines.
 */
final class ComparisonRun {
    /** One measurement of one side: named values, such as {@code perSecond}, {@code p99} and {@code errors}. */
    interface Measure {
        Map<String, Double> run() throws Exception;
    }

    final ComparisonPlan plan;
    final int serverCpu;
    final int clientCpu;
    final ResultTable table = new ResultTable();
    final List<ResultTable.Row> throughputRows = new ArrayList<>();
    final List<ResultTable.Row> memoryRows = new ArrayList<>();
    final String startLoadAverage = loadAverage();
    String httpLoadGenerator = "";
    private int step;

    ComparisonRun(ComparisonPlan plan, boolean mayPin) {
        this.plan = plan;
        List<Integer> cpus = ChildJvm.Cpus.allowed();
        boolean pin = mayPin && cpus.size() >= 2 && ChildJvm.Cpus.tasksetAvailable();
        this.serverCpu = pin ? cpus.get(0) : -1;
        this.clientCpu = pin ? cpus.get(1) : -1;
    }

    void progress(String scenario, Side side, String result) {
        System.out.printf(Locale.ROOT, "[%2d] %-38s %-16s %s%n", ++step, scenario, side.label(), result);
    }

    /**
     * Measures one side, filling its cell in each row of {@code cells} with the value named by the same index of
     * {@code keys}. A side without an implementation gets "pending" (coroutines, announced as such) or "n/a"; a
     * failure gets "failed" and a progress line saying why, and the run goes on.
     */
    void measure(String scenario, Side side, boolean available, List<Map<Side, ResultTable.Cell>> cells,
            List<String> keys, Measure measure) {
        if (!available) {
            String text = Implementations.missing(side);
            cells.forEach(c -> c.put(side, ResultTable.Cell.text(text)));
            if (side == Side.COROUTINES) {
                progress(scenario, side, "coroutines: pending");
            }
            return;
        }
        long start = System.nanoTime();
        try {
            Map<String, Double> values = measure.run();
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                Double v = values.get(keys.get(i));
                cells.get(i).put(side, v == null ? ResultTable.Cell.text("failed") : ResultTable.Cell.of(v));
                shown.append(keys.get(i)).append('=').append(v == null ? "?" : ResultTable.format(v)).append(' ');
            }
            Double errors = values.get("errors");
            if (errors != null && errors > 0) {
                shown.append("errors=").append(errors.longValue()).append(' ');
            }
            progress(scenario, side, shown + String.format(Locale.ROOT, "(%.1f s)", (System.nanoTime() - start) / 1e9));
        } catch (Exception e) {
            cells.forEach(c -> c.put(side, ResultTable.Cell.text("failed")));
            progress(scenario, side, "failed: " + firstLine(e));
        }
    }

    static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(e.toString());
    }

    static List<Map<Side, ResultTable.Cell>> newCells(int rows) {
        List<Map<Side, ResultTable.Cell>> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            cells.add(new EnumMap<>(Side.class));
        }
        return cells;
    }

    /** The values of a child's {@code RESULT key=value ...} line. */
    static Map<String, Double> fields(String resultLine) {
        Map<String, Double> values = new HashMap<>();
        for (String part : resultLine.substring("RESULT ".length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            values.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
        }
        return values;
    }

    /** The 1-minute load average (a busy machine makes every number worse), or "unknown". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** 10000 as "10k", 1000000 as "1M". */
    static String compact(int n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Integer.toString(n);
    }
}
