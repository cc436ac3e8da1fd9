package demo;

import static io.github.coro4j.Coro.await;

import io.github.coro4j.Coroutine;
import io.github.coro4j.Task;
import java.io.IOException;

public class Resources {
    interface Channel extends AutoCloseable {
        Task<String> read();

        @Override
        void close() throws IOException;
    }

    /** try/catch/finally with awaits, a checked exception caught at the await site, try-with-resources. */
    @Coroutine
    static String copy(Channel in, Task<Void> flush) {
        StringBuilder out = new StringBuilder();
        try (in) {
            out.append(await(in.read(), IOException.class));
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } finally {
            await(flush);
        }
        return out.toString();
    }
}
