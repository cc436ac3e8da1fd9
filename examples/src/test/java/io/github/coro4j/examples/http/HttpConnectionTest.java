package io.github.coro4j.examples.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {
    private final HttpConnection http = new HttpConnection(new HelloService(), HttpLimits.DEFAULT);
    private final ByteBuffer out = ByteBuffer.allocate(http.outputCapacity());

    private String feed(String input, HttpConnection.Progress expected) {
        ByteBuffer in = ByteBuffer.wrap(input.getBytes(StandardCharsets.ISO_8859_1));
        StringBuilder written = new StringBuilder();
        HttpConnection.Progress progress;
        do {
            progress = http.process(in, out);
            out.flip();
            written.append(StandardCharsets.ISO_8859_1.decode(out));
            out.clear();
        } while (progress == HttpConnection.Progress.FLUSH_AND_CALL_AGAIN);
        assertEquals(expected, progress);
        return written.toString();
    }

    @Test
    void helloWorld() {
        String response = feed("GET / HTTP/1.1\r\nHost: h\r\n\r\n", HttpConnection.Progress.NEED_INPUT);
        assertEquals("HTTP/1.1 200 OK\r\nServer: coro4j-examples\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 13\r\n\r\nHello, World!", response);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String one = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        String echo = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
        String response = feed(one + echo + "GET /missing HTTP/1.1\r\nHost: h\r\n\r\n",
                HttpConnection.Progress.NEED_INPUT);
        int hello = response.indexOf("Hello, World!");
        int abc = response.indexOf("\r\n\r\nabc");
        int missing = response.indexOf("404 Not Found");
        assertTrue(hello > 0 && abc > hello && missing > abc, response);
        assertEquals(3, http.requests());
    }

    @Test
    void manyPipelinedEchoesNeedSeveralFlushes() {
        String body = "y".repeat(HttpLimits.DEFAULT.maxBodyBytes());
        String echo = "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String response = feed(echo.repeat(5), HttpConnection.Progress.NEED_INPUT);
        assertEquals(5, response.split("HTTP/1.1 200 OK", -1).length - 1);
        assertEquals(5, http.requests());
    }

    @Test
    void connectionCloseEndsTheConnectionAndIgnoresTheRest() {
        String response = feed("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
                HttpConnection.Progress.CLOSE_AFTER_FLUSH);
        assertTrue(response.contains("Connection: close\r\n"), response);
        assertEquals(1, http.requests());
    }

    @Test
    void malformedRequestGets400AndClose() {
        String response = feed("GET / HTTP/1.1\r\nHost: h\r\n\r\nNONSENSE\r\n\r\n",
                HttpConnection.Progress.CLOSE_AFTER_FLUSH);
        assertTrue(response.contains("HTTP/1.1 200 OK"), response);
        assertTrue(response.endsWith("HTTP/1.1 400 Bad Request\r\nServer: coro4j-examples\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
                + "Bad Request"), response);
    }

    @Test
    void headAnswersWithoutABody() {
        String response = feed("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n", HttpConnection.Progress.NEED_INPUT);
        assertTrue(response.endsWith("Content-Length: 13\r\n\r\n"), response);
    }

    @Test
    void otherMethodsGet405WithAllow() {
        String response = feed("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
                HttpConnection.Progress.NEED_INPUT);
        assertTrue(response.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), response);
        assertTrue(response.contains("Allow: GET, HEAD\r\n"), response);
    }

    @Test
    void aFailingServiceGets500WithoutAHalfWrittenResponse() {
        HttpConnection failing = new HttpConnection((request, o, close) -> {
            o.put("HTTP/1.1 200 partial".getBytes(StandardCharsets.US_ASCII));
            throw new IllegalStateException("boom");
        }, HttpLimits.DEFAULT);
        ByteBuffer in = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(HttpConnection.Progress.CLOSE_AFTER_FLUSH, failing.process(in, out));
        out.flip();
        assertTrue(StandardCharsets.US_ASCII.decode(out).toString().startsWith("HTTP/1.1 500 "));
    }
}
