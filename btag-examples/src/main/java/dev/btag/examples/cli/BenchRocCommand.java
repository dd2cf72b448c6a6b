package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag roc}: ROC + AUC on N random jets; prints seconds as JSON. */
@Command(name = "roc", mixinStandardHelpOptions = true, description = "ROC + AUC on N random jets; prints seconds as JSON.")
final class BenchRocCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag roc is not implemented yet");
    }
}
