package io.github.coro4j.examples.comparison;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison's results: one row per scenario and metric, one cell per {@link Side}, rendered as a text table
 * with ratios, as CSV, and as Markdown for docs/benchmarks.md.
 */
public final class ResultTable {
    /** A cell: a measured value, or a text such as "pending", "n/a" or "failed". */
    public record Cell(Double value, String text) {
        /** A measured value. */
        public static Cell of(double value) {
            return new Cell(value, null);
        }

        /** A cell without a value. */
        public static Cell text(String text) {
            return new Cell(null, text);
        }

        String show() {
            return value != null ? format(value) : text;
        }
    }

    /** One scenario and metric. */
    public record Row(String scenario, String metric, String unit, boolean higherIsBetter, Map<Side, Cell> cells) {
        /** The value of {@code side}, or null. */
        public Double value(Side side) {
            Cell cell = cells.get(side);
            return cell == null ? null : cell.value();
        }
    }

    /** The ratio columns: numerator and denominator. */
    static final Side[][] RATIOS = {
        {Side.COROUTINES, Side.VIRTUAL_THREADS}, {Side.COROUTINES, Side.NETTY}, {Side.VIRTUAL_THREADS, Side.NETTY}};
    private static final String[] RATIO_HEADINGS = {"coro/VT", "coro/Netty", "VT/Netty"};

    private final List<Row> rows = new ArrayList<>();

    /** Adds a row; sides missing from {@code cells} show as empty. */
    public Row add(String scenario, String metric, String unit, boolean higherIsBetter, Map<Side, Cell> cells) {
        Row row = new Row(scenario, metric, unit, higherIsBetter, new EnumMap<>(cells));
        rows.add(row);
        return row;
    }

    /** The rows in order. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A fixed-width text table with the ratio columns. */
    public String render() {
        List<String[]> lines = new ArrayList<>();
        lines.add(headings());
        for (Row row : rows) {
            lines.add(cellsOf(row));
        }
        int[] widths = new int[lines.get(0).length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            String[] line = lines.get(l);
            for (int i = 0; i < line.length; i++) {
                String pad = " ".repeat(widths[i] - line[i].length());
                out.append(i < 3 ? line[i] + pad : pad + line[i]).append(i + 1 < line.length ? "  " : "");
            }
            out.append('\n');
            if (l == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }

    /** One line per row and side: scenario,metric,unit,side,value,note. */
    public String csv() {
        StringBuilder out = new StringBuilder("scenario,metric,unit,higher_is_better,side,value,note\n");
        for (Row row : rows) {
            for (Side side : Side.values()) {
                Cell cell = row.cells().get(side);
                if (cell == null) {
                    continue;
                }
                out.append(quote(row.scenario())).append(',').append(quote(row.metric())).append(',')
                        .append(quote(row.unit())).append(',').append(row.higherIsBetter()).append(',')
                        .append(side.id()).append(',')
                        .append(cell.value() == null ? "" : String.format(Locale.ROOT, "%.3f", cell.value()))
                        .append(',').append(cell.text() == null ? "" : quote(cell.text())).append('\n');
            }
        }
        return out.toString();
    }

    /** The table in Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        String[] headings = headings();
        out.append("| ").append(String.join(" | ", headings)).append(" |\n|");
        for (int i = 0; i < headings.length; i++) {
            out.append(i < 3 ? "---|" : "---:|");
        }
        out.append('\n');
        for (Row row : rows) {
            out.append("| ").append(String.join(" | ", cellsOf(row))).append(" |\n");
        }
        return out.toString();
    }

    private static String[] headings() {
        List<String> h = new ArrayList<>(List.of("scenario", "metric", "unit"));
        for (Side side : Side.values()) {
            h.add(side.label());
        }
        h.addAll(List.of(RATIO_HEADINGS));
        return h.toArray(String[]::new);
    }

    private static String[] cellsOf(Row row) {
        List<String> c = new ArrayList<>(List.of(row.scenario(), row.metric(),
                row.unit() + (row.higherIsBetter() ? " (higher is better)" : " (lower is better)")));
        for (Side side : Side.values()) {
            Cell cell = row.cells().get(side);
            c.add(cell == null ? "" : cell.show());
        }
        for (Side[] ratio : RATIOS) {
            Double a = row.value(ratio[0]);
            Double b = row.value(ratio[1]);
            c.add(a != null && b != null && b != 0 ? String.format(Locale.ROOT, "%.2f×", a / b) : "–");
        }
        return c.toArray(String[]::new);
    }

    static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
