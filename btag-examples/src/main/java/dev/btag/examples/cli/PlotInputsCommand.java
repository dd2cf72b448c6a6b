package dev.btag.examples.cli;

import dev.btag.examples.inputs.InputPlots;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code btag plot-inputs}: notebooks 1 and 2, per-flavour histograms of every input variable and the ROC. */
@Command(name = "plot-inputs", mixinStandardHelpOptions = true,
    description = "Notebooks 1 and 2: per-flavour histograms of every input variable and the single-variable ROC.")
final class PlotInputsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A file with the tutorial's layout (.npz).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Output directory for the PNG files and index.html.")
    Path out;

    @Option(names = "--arrays", split = ",", paramLabel = "NAME",
        description = "Only these arrays, e.g. arr_0,arr_1 (default: all six).")
    java.util.List<String> arrays;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.util.Set<dev.btag.data.schema.JetArray> selected =
            java.util.EnumSet.allOf(dev.btag.data.schema.JetArray.class);
        if (arrays != null) {
            selected.clear();
            for (String name : arrays) {
                try {
                    selected.add(dev.btag.data.schema.JetArray.fromEntryName(name.strip()));
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        InputPlots.Result result = InputPlots.write(file, out, selected);
        var w = spec.commandLine().getOut();
        w.println(result.variables().size() + " variables, " + result.images().size() + " images; gallery: "
            + result.index());
        for (Map.Entry<String, Double> e : result.aucs().entrySet()) {
            w.printf(Locale.ROOT, "AUC %s (%s): %.4f%n", InputPlots.ROC_VARIABLE.columnName(), e.getKey(),
                e.getValue());
        }
        if (result.synthetic()) {
            w.println(dev.btag.metrics.plot.Figure.SYNTHETIC_SAMPLE);
        }
        w.flush();
        return 0;
    }
}
