package io.github.coro4j.examples.comparison;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the comparison as one PNG with XChart: throughput (echo messages/s and HTTP requests/s, higher is better)
 * beside memory per waiting task (bytes of heap, lower is better). A side without any value in a panel is left
 * out of it; a missing value in a drawn series is drawn as 0.
 */
public final class ChartWriter {
    /** One colour per side, the same in every panel. */
    private static final Color[] COLORS = {
        new Color(0x2E, 0x7D, 0x32), new Color(0x15, 0x65, 0xC0), new Color(0xEF, 0x6C, 0x00),
        new Color(0x75, 0x75, 0x75)};
    private ChartWriter() {
    }

    /** Writes the chart of {@code throughput} and {@code memory} rows to {@code png}. */
    public static void write(List<ResultTable.Row> throughput, List<ResultTable.Row> memory, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<CategoryChart> charts = new ArrayList<>();
        charts.add(chart("Throughput (higher is better)", "per second", throughput));
        charts.add(chart("Heap per waiting task (lower is better)", "bytes", memory));
        String file = png.toString();
        String base = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(charts, 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart chart(String title, String yTitle, List<ResultTable.Row> rows) {
        CategoryChart chart = new CategoryChartBuilder().width(720).height(480).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        List<String> categories = new ArrayList<>();
        for (ResultTable.Row row : rows) {
            categories.add(row.scenario());
        }
        boolean any = false;
        for (Side side : Side.values()) {
            List<Double> values = new ArrayList<>();
            boolean has = false;
            for (ResultTable.Row row : rows) {
                Double v = row.value(side);
                has |= v != null;
                values.add(v == null ? 0.0 : v);
            }
            if (has) {
                chart.addSeries(side.label(), categories, values).setFillColor(COLORS[side.ordinal()]);
                any = true;
            }
        }
        if (!any) {
            chart.setTitle(title + ": no data");
            chart.addSeries("none", List.of("none"), List.of(0.0));
        }
        return chart;
    }
}
