package dev.btag.examples.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Where the commands' log lines go: one line each on standard error, flushed at once. */
final class CommandLog {

    private CommandLog() {
    }

    /**
     * A log sink that prints each line and flushes.
     *
     * @param err the command's error writer
     * @return the sink
     */
    static Consumer<String> to(PrintWriter err) {
        return line -> {
            err.println(line);
            err.flush();
        };
    }
}
