package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag train}: Trains a tagger (dnn, cnn1x1, lstm, gru) on a tutorial-layout file. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Trains a tagger (dnn, cnn1x1, lstm, gru) on a tutorial-layout file.")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag train is not implemented yet");
    }
}
