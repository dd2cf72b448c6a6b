package dev.btag.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code btag plot-inputs}: Notebooks 1 and 2: per-flavour histograms of every input variable and the single-variable ROC. */
@Command(name = "plot-inputs", mixinStandardHelpOptions = true, description = "Notebooks 1 and 2: per-flavour histograms of every input variable and the single-variable ROC.")
final class PlotInputsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("btag plot-inputs is not implemented yet");
    }
}
