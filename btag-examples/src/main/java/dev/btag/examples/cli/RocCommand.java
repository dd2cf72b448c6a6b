package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag roc}: ROC curve, AUC and working points of any score array against any label array of an .npz file. */
@Command(name = "roc", mixinStandardHelpOptions = true, description = "ROC curve, AUC and working points of any score array against any label array of an .npz file.")
final class RocCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag roc is not implemented yet");
    }
}
