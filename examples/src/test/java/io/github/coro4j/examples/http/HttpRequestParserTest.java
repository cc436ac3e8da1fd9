package io.github.coro4j.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestParserTest {
    private static final String GET = "GET /index.html?q=1 HTTP/1.1\r\nHost: example\r\nUser-Agent: test\r\n\r\n";
    private static final String POST = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello";

    /** Parses all of {@code input}, fed in pieces cut at {@code cuts}; returns "method target body" per request. */
    private static List<String> parseAll(String input, int... cuts) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        HttpRequestParser parser = new HttpRequestParser();
        List<String> seen = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
            while (true) {
                HttpRequestParser.Result result = parser.parse(in);
                if (result == HttpRequestParser.Result.COMPLETE) {
                    HttpRequest r = parser.request();
                    seen.add(r.method() + " " + r.target() + " "
                            + new String(r.bodyArray(), 0, r.bodyLength(), StandardCharsets.ISO_8859_1));
                    parser.reset();
                } else if (result == HttpRequestParser.Result.ERROR) {
                    seen.add("ERROR " + parser.errorStatus());
                    return seen;
                } else {
                    assertFalse(in.hasRemaining(), "NEED_MORE consumes all input");
                    break;
                }
            }
            from = to;
        }
        return seen;
    }

    private static int errorOf(String input) {
        List<String> seen = parseAll(input);
        assertFalse(seen.isEmpty(), "no result for " + input);
        String last = seen.get(seen.size() - 1);
        assertTrue(last.startsWith("ERROR "), "expected an error, got " + seen);
        return Integer.parseInt(last.substring(6));
    }

    @Test
    void parsesASimpleGet() {
        HttpRequestParser parser = new HttpRequestParser();
        ByteBuffer in = ByteBuffer.wrap(GET.getBytes(StandardCharsets.US_ASCII));
        assertEquals(HttpRequestParser.Result.COMPLETE, parser.parse(in));
        HttpRequest r = parser.request();
        assertEquals("GET", r.method());
        assertTrue(r.isMethod("GET"));
        assertEquals("/index.html?q=1", r.target());
        assertEquals(1, r.minorVersion());
        assertEquals(2, r.headerCount());
        assertEquals("Host", r.headerName(0));
        assertEquals("test", r.header("user-agent"));
        assertNull(r.header("accept"));
        assertTrue(r.keepAlive());
        assertEquals(0, r.bodyLength());
        assertFalse(in.hasRemaining());
    }

    @Test
    void everySplitPointGivesTheSameRequests() {
        String pipelined = GET + POST + "\r\n" + "DELETE /x HTTP/1.0\r\n\r\n";
        List<String> whole = parseAll(pipelined);
        assertEquals(List.of("GET /index.html?q=1 ", "POST /echo hello", "DELETE /x "), whole);
        for (int cut = 0; cut <= pipelined.length(); cut++) {
            assertEquals(whole, parseAll(pipelined, cut), "split at " + cut);
        }
        for (int a = 0; a <= pipelined.length(); a += 3) {
            for (int b = a; b <= pipelined.length(); b += 7) {
                assertEquals(whole, parseAll(pipelined, a, b), "split at " + a + " and " + b);
            }
        }
    }

    @Test
    void oneByteAtATime() {
        String input = POST + GET;
        int[] cuts = new int[input.length() - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertEquals(List.of("POST /echo hello", "GET /index.html?q=1 "), parseAll(input, cuts));
    }

    @Test
    void stopsAfterOneRequestLeavingTheNextInTheBuffer() {
        HttpRequestParser parser = new HttpRequestParser();
        ByteBuffer in = ByteBuffer.wrap((GET + GET).getBytes(StandardCharsets.US_ASCII));
        assertEquals(HttpRequestParser.Result.COMPLETE, parser.parse(in));
        assertEquals(GET.length(), in.position());
        assertEquals(HttpRequestParser.Result.COMPLETE, parser.parse(in), "stays complete until reset");
        parser.reset();
        assertEquals(HttpRequestParser.Result.COMPLETE, parser.parse(in));
        assertFalse(in.hasRemaining());
    }

    @Test
    void bodiesLargerThanTheInitialBufferAndUpToTheLimit() {
        String body = "x".repeat(HttpLimits.DEFAULT.maxBodyBytes());
        String request = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        assertEquals(List.of("POST /echo " + body), parseAll(request, 10, 100, 5000));
        assertEquals(413, errorOf("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: "
                + (body.length() + 1) + "\r\n\r\n"));
    }

    @Test
    void connectionSemantics() {
        assertFalse(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").keepAlive());
        assertFalse(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, CLOSE\r\n\r\n").keepAlive());
        assertTrue(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\n\r\n").keepAlive());
        assertFalse(parse("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertTrue(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
        assertEquals(0, parse("GET / HTTP/1.0\r\n\r\n").minorVersion());
    }

    @Test
    void headerValuesAreTrimmedAndMayBeEmpty() {
        HttpRequest r = parse("GET / HTTP/1.1\r\nHost:h\r\nX-A: \t spaced out \t\r\nX-Empty:\r\n\r\n");
        assertEquals("h", r.header("HOST"));
        assertEquals("spaced out", r.header("x-a"));
        assertEquals("", r.header("x-empty"));
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkipped() {
        assertEquals(List.of("GET / "), parseAll("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    }

    @Test
    void repeatedEqualContentLengthIsAccepted() {
        assertEquals(List.of("POST /echo ab"),
                parseAll("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\nHost: h\n\n",                       // bare LF
        "GET / HTTP/1.1\r\rHost: h\r\n\r\n",                 // bare CR
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",                // double space
        "GET /\r\nHost: h\r\n\r\n",                          // no version
        "GET / HTTP/1.1 extra\r\nHost: h\r\n\r\n",           // extra token
        " GET / HTTP/1.1\r\nHost: h\r\n\r\n",                // leading space
        "G(T / HTTP/1.1\r\nHost: h\r\n\r\n",                 // bad method
        "GET / HTTP/1.1\r\nHost : h\r\n\r\n",                // space before colon
        "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",      // obs-fold
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\n: empty-name\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\u0001\r\n\r\n",           // control character
        "GET / HTTP/1.1\r\n\r\n",                            // no Host
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",      // two Hosts
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length:\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "GET / HTTP/1.x\r\nHost: h\r\n\r\n",
        "GET / http/1.1\r\nHost: h\r\n\r\n",
        "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n",
    })
    void malformedRequestsAre400(String input) {
        assertEquals(400, errorOf(input));
    }

    @ParameterizedTest
    @CsvSource({"HTTP/2.0, 505", "HTTP/1.2, 505", "HTTP/0.9, 505"})
    void otherVersionsAre505(String version, int status) {
        assertEquals(status, errorOf("GET / " + version + "\r\nHost: h\r\n\r\n"));
    }

    @Test
    void transferEncodingIs501() {
        assertEquals(501, errorOf("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    }

    @Test
    void headLimits() {
        HttpLimits limits = new HttpLimits(64, 3, 100);
        assertEquals(414, errorOf(limits, "GET /" + "a".repeat(100) + " HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(431, errorOf(limits, "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(60) + "\r\n\r\n"));
        assertEquals(431, errorOf(limits, "GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n"));
        // exactly at the limit is fine: the request line, CRLF, header, CRLF, CRLF = 64 bytes
        String line = "GET / HTTP/1.1\r\n";
        String header = "X: " + "a".repeat(64 - line.length() - 4 - 3 - 9) + "\r\n";
        String exact = line + "Host: h\r\n" + header + "\r\n";
        assertEquals(64, exact.length());
        assertEquals(List.of("GET / "), parseAll(limits, exact));
        assertEquals(431, errorOf(limits, line + "Host: h\r\n" + "X: a" + header.substring(3) + "\r\n"));
        assertEquals(400, errorOf(limits, "\r\n".repeat(40)), "empty lines count too");
    }

    @Test
    void errorsAreFinal() {
        HttpRequestParser parser = new HttpRequestParser();
        assertEquals(HttpRequestParser.Result.ERROR, parser.parse(ascii("BAD\r\n")));
        assertEquals(HttpRequestParser.Result.ERROR, parser.parse(ascii(GET)));
        assertThrows(IllegalStateException.class, parser::reset);
    }

    @Test
    void reuseDoesNotLeakHeadersOrBodies() {
        List<String> seen = parseAll(POST + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(List.of("POST /echo hello", "GET / "), seen);
    }

    private static HttpRequest parse(String input) {
        HttpRequestParser parser = new HttpRequestParser();
        assertEquals(HttpRequestParser.Result.COMPLETE, parser.parse(ascii(input)), input);
        return parser.request();
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> parseAll(HttpLimits limits, String input) {
        HttpRequestParser parser = new HttpRequestParser(limits);
        ByteBuffer in = ascii(input);
        List<String> seen = new ArrayList<>();
        while (true) {
            HttpRequestParser.Result result = parser.parse(in);
            if (result == HttpRequestParser.Result.COMPLETE) {
                seen.add(parser.request().method() + " " + parser.request().target() + " ");
                parser.reset();
            } else {
                if (result == HttpRequestParser.Result.ERROR) {
                    seen.add("ERROR " + parser.errorStatus());
                }
                return seen;
            }
        }
    }

    private static int errorOf(HttpLimits limits, String input) {
        List<String> seen = parseAll(limits, input);
        String last = seen.isEmpty() ? "none" : seen.get(seen.size() - 1);
        assertTrue(last.startsWith("ERROR "), "expected an error, got " + seen);
        return Integer.parseInt(last.substring(6));
    }
}
