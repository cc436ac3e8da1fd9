package io.github.coro4j.examples.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPartsTest {
    @Test
    void tableShowsRatiosOnlyWhereBothSidesHaveValues() {
        ResultTable table = new ResultTable();
        table.add("echo", "throughput", "msg/s", true, Map.of(
                Side.COROUTINES, ResultTable.Cell.text("pending"),
                Side.VIRTUAL_THREADS, ResultTable.Cell.of(150_000),
                Side.NETTY, ResultTable.Cell.of(200_000)));
        String rendered = table.render();
        assertTrue(rendered.contains("pending"), rendered);
        assertTrue(rendered.contains("0.75×"), rendered);
        assertTrue(rendered.contains("150,000"), rendered);
        String markdown = table.markdown();
        assertTrue(markdown.contains("| echo | throughput | msg/s (higher is better) | pending | 150,000 | 200,000 |"),
                markdown);
    }

    @Test
    void docsSectionIsReplacedNotDuplicated(@TempDir Path dir) throws Exception {
        Path docs = dir.resolve("benchmarks.md");
        Files.writeString(docs, "# Benchmarks\n\nkept\n");
        DocsSection.replaceIn(docs, DocsSection.BEGIN + "\none\n" + DocsSection.END + "\n");
        Files.writeString(docs, Files.readString(docs) + "after\n");
        DocsSection.replaceIn(docs, DocsSection.BEGIN + "\ntwo\n" + DocsSection.END + "\n");
        String text = Files.readString(docs);
        assertEquals("# Benchmarks\n\nkept\n\n" + DocsSection.BEGIN + "\ntwo\n" + DocsSection.END + "\nafter\n", text);
    }

    @Test
    void wrkReportIsParsed() throws Exception {
        String report = """
                Running 3s test @ http://127.0.0.1:40000/
                  1 threads and 100 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     1.20ms  300.00us   9.00ms   90.00%
                    Req/Sec    80.00k     2.00k   85.00k    70.00%
                  Latency Distribution
                     50%  1.10ms
                     75%    1.30ms
                     90%  1.50ms
                     99%  812.00us
                  240000 requests in 3.00s, 30.00MB read
                  Socket errors: connect 0, read 2, write 0, timeout 1
                Requests/sec:  80000.12
                Transfer/sec:     10.00MB
                """;
        Wrk.Report r = Wrk.parse(report);
        assertEquals(80000.12, r.perSecond(), 1e-6);
        assertEquals(1100, r.p50Micros(), 1e-6);
        assertEquals(1500, r.p90Micros(), 1e-6);
        assertEquals(812, r.p99Micros(), 1e-6);
        assertEquals(3, r.errors());
    }
}
