package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag train}: Training and inference throughput of a tagger on synthetic jets; prints jets/s as JSON. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training and inference throughput of a tagger on synthetic jets; prints jets/s as JSON.")
final class BenchTrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag train is not implemented yet");
    }
}
