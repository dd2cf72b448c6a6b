package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag read}: Materialises every array of a file and prints bytes, seconds and GB/s as JSON. */
@Command(name = "read", mixinStandardHelpOptions = true, description = "Materialises every array of a file and prints bytes, seconds and GB/s as JSON.")
final class BenchReadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag read is not implemented yet");
    }
}
