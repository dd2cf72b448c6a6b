package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.schema.JetArray;
import dev.btag.metrics.plot.Figure;
import dev.btag.models.inputs.InputPlots;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag plot-inputs}: notebooks 1 and 2, per-flavour histograms of every input variable and the ROC, or for
 * files read through a layout per declared class ({@link InputPlots}).
 */
@Command(name = "plot-inputs", mixinStandardHelpOptions = true,
    description = "Notebooks 1 and 2: per-flavour (with --layout: per-class) histograms of every input variable and"
        + " the single-variable ROC.")
final class PlotInputsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "Files with the tutorial's layout (.npz), or with --layout any files it reads; names or quoted"
            + " globs, plotted together.")
    List<String> files;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Output directory for the PNG files and index.html.")
    Path out;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the files: 'tutorial' (default) or"
        + " a layout file; then the layout's features and collection variables are plotted per declared class.")
    String layout;

    @Option(names = "--arrays", split = ",", paramLabel = "NAME",
        description = "Tutorial layout, one file: only these arrays, e.g. arr_0,arr_1 (default: all six).")
    List<String> arrays;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Layout readWith = layout == null ? Layout.tutorial() : Layout.resolve(layout);
        List<Path> inputs = FileSet.expand(files).files();
        InputPlots.Result result;
        if (arrays != null) {
            if (!readWith.isTutorial() || inputs.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--arrays takes one file of the tutorial layout");
            }
            result = InputPlots.write(inputs.get(0), out, selected());
        } else {
            result = InputPlots.write(inputs, readWith, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println(result.variables().size() + " variables, " + result.images().size() + " images; gallery: "
            + result.index());
        for (Map.Entry<String, Double> e : result.aucs().entrySet()) {
            w.printf(Locale.ROOT, "AUC %s (%s): %.4f%n", result.rocVariable(), e.getKey(), e.getValue());
        }
        if (result.synthetic()) {
            w.println(Figure.SYNTHETIC_SAMPLE);
        }
        w.flush();
        return 0;
    }

    private Set<JetArray> selected() {
        Set<JetArray> selected = EnumSet.noneOf(JetArray.class);
        for (String name : arrays) {
            try {
                selected.add(JetArray.fromEntryName(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return selected;
    }
}
