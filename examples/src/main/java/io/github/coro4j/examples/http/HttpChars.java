package io.github.coro4j.examples.http;

/** Character classes of RFC 9110 and 9112, as table look-ups. */
final class HttpChars {
    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpChars() {
    }

    /** A token character: what method names and header names are made of. */
    static boolean isTokenChar(int b) {
        return TCHAR[b & 0xff];
    }

    /** A control character that may not appear in a request line or header line (HTAB is allowed). */
    static boolean isForbiddenControl(int b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    /** A visible character that may appear in a request target. */
    static boolean isTargetChar(int b) {
        int c = b & 0xff;
        return c > 0x20 && c < 0x7f;
    }

    static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
