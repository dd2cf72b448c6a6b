package dev.btag.models.train;

import com.google.gson.GsonBuilder;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.BinAxis;
import dev.btag.data.weight.ClassHistograms;
import dev.btag.data.weight.KinematicVariable;
import dev.btag.data.weight.WeightInputs;
import dev.btag.data.weight.Weighting;
import dev.btag.io.AtomicOutput;
import dev.btag.metrics.plot.LinePlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of a training sample's weighting in an output directory: {@value #JSON_FILE} (the recipe and its
 * outcome, as the saved tagger's metadata holds it) and, for pT and |η|, the per-class distributions before and after
 * weighting ({@code weighting_pt_before.png}, {@code weighting_pt_after.png}, {@code weighting_abseta_before.png},
 * {@code weighting_abseta_after.png}): each class normalised to unit area (fraction of the class's weight per unit of
 * the variable, so bins of different widths compare), one point per bin at its centre, log y; empty bins are left
 * out. The bins are the reweighter's for a variable it uses, DeepJet's otherwise. "Before" is the sample as read
 * (with its base weights, if any); "after" is what trains: the kept jets with their final weights. Every file is
 * written to a temporary name and renamed.
 */
public final class WeightingPlots {

    /** The JSON record of the weighting. */
    public static final String JSON_FILE = "weighting.json";
    /** The plot files, in the order written. */
    public static final List<String> FILES = List.of("weighting_pt_before.png", "weighting_pt_after.png",
        "weighting_abseta_before.png", "weighting_abseta_after.png");

    private WeightingPlots() {
    }

    /**
     * Writes {@value #JSON_FILE} and the four plots.
     *
     * @param dir the output directory, existing
     * @param inputs the variables (at least {@code pt} and {@code abseta}), classes and base weights of all jets
     * @param result the weighting's outcome for those jets
     * @param synthetic whether to mark the plots as made from the synthetic sample
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static void writeAll(Path dir, WeightInputs inputs, Weighting.Result result, boolean synthetic)
            throws IOException {
        byte[] json = new GsonBuilder().setPrettyPrinting().create().toJson(result.toJson())
            .getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(dir.resolve(JSON_FILE), out -> out.write(json));
        int plot = 0;
        for (KinematicVariable v : List.of(KinematicVariable.PT, KinematicVariable.ABSETA)) {
            BinAxis axis = axisFor(v, result);
            float[] values = inputs.variable(v.key());
            int k = inputs.classNames().size();
            double[][] before = ClassHistograms.of(axis, values, null, inputs.classes(), inputs.baseWeights(), k);
            double[][] after = ClassHistograms.of(axis, values, result.keptRows(), result.classes(),
                result.weights(), k);
            write(dir.resolve(FILES.get(plot++)), axis, before, inputs.classNames(), v, "before weighting",
                synthetic);
            write(dir.resolve(FILES.get(plot++)), axis, after, inputs.classNames(), v, "after weighting", synthetic);
        }
    }

    private static BinAxis axisFor(KinematicVariable v, Weighting.Result result) {
        if (result.reweighting() != null) {
            for (BinAxis a : result.reweighting().reweighter().axes()) {
                if (a.name().equals(v.key())) {
                    return a;
                }
            }
        }
        return v.defaultAxis();
    }

    private static void write(Path file, BinAxis axis, double[][] histograms, List<String> classes,
                              KinematicVariable v, String when, boolean synthetic) throws IOException {
        double[] edges = axis.edges();
        String title = v == KinematicVariable.PT ? "jet pT [GeV]" : "jet |eta|";
        LinePlot.Builder plot = LinePlot.builder().optTitle("per-class " + v.key() + " " + when)
            .optAxisTitles(title, "fraction per unit (normalised)").optLogY(true);
        int series = 0;
        for (int c = 0; c < classes.size(); c++) {
            double total = 0;
            for (double h : histograms[c]) {
                total += h;
            }
            List<double[]> points = new ArrayList<>();
            for (int b = 0; b < axis.bins(); b++) {
                if (histograms[c][b] > 0) {
                    double width = edges[b + 1] - edges[b];
                    points.add(new double[] {(edges[b] + edges[b + 1]) / 2, histograms[c][b] / total / width});
                }
            }
            if (!points.isEmpty()) {
                double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
                plot.addSeries(classes.get(c), x, y);
                series++;
            }
        }
        if (series == 0) {
            return;
        }
        if (synthetic) {
            plot.optSubtitle(SyntheticSample.BANNER);
        }
        var figure = plot.build().figure();
        figure.savePng(file);
    }
}
