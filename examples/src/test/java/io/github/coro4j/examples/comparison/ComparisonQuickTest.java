package io.github.coro4j.examples.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end in quick mode: child JVMs, every scenario, and the shape of what it writes. */
class ComparisonQuickTest {
    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void quickRunPrintsTheTableAndWritesCsvChartAndSection(@TempDir Path out) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ComparisonMain.main(new String[] {"--quick", "--no-install", "--out", out.toString(), "--docs",
                out.resolve("benchmarks.md").toString()});
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);

        // every coroutine implementation is plugged in (Implementations): nothing is pending any more
        assertTrue(!text.contains("coroutines: pending"), "no coroutine row is pending:\n" + text);
        assertTrue(text.contains("comparison finished in"), text);
        for (String heading : List.of("scenario", "coroutines", "virtual threads", "Netty", "NIO floor", "coro/VT",
            "coro/Netty", "VT/Netty")) {
            assertTrue(text.contains(heading), "heading " + heading);
        }
        assertTrue(!text.contains("failed"), "no scenario failed:\n" + text);

        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertEquals("scenario,metric,unit,higher_is_better,side,value,note", csv.get(0));
        assertTrue(csv.stream().noneMatch(l -> l.contains(",pending")), "nothing pending in the CSV");
        for (String scenario : List.of("\"echo, 10 connections\"", "\"http, ")) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(scenario) && l.matches(".*,coroutines,[0-9.]+,.*")),
                    "coroutines measured in " + scenario + ":\n" + String.join("\n", csv));
        }
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("\"echo, 10 connections\"") && l.contains(",netty,")),
                "Netty echo measured");
        for (String line : csv.subList(1, csv.size())) {
            assertEquals(7, splitCsv(line).size(), line);
        }

        byte[] png = Files.readAllBytes(out.resolve("comparison.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        String section = Files.readString(out.resolve("benchmarks-section.md"));
        assertTrue(section.startsWith(DocsSection.BEGIN) && section.trim().endsWith(DocsSection.END), section);
        assertTrue(section.contains("| scenario | metric | unit |"), section);
        assertTrue(Files.readString(out.resolve("benchmarks.md")).contains(DocsSection.BEGIN));
    }

    private static List<String> splitCsv(String line) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
