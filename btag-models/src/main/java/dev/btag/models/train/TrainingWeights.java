package dev.btag.models.train;

import dev.btag.data.dataset.JetColumns;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.weight.BinAxis;
import dev.btag.data.weight.KinematicVariable;
import dev.btag.data.weight.WeightInputs;
import dev.btag.data.weight.Weighting;
import dev.btag.data.weight.WeightsNpz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Weights the jets of a training file before the split: reads the weighting variables of the tutorial layout (the
 * reweighter's axes, and always pT and |η| for the plots), applies the {@link Weighting} to all rows of the file,
 * keeps the resampled rows when resampling, and attaches the weights to the columns.
 */
final class TrainingWeights {

    /**
     * The weighted columns and what made them.
     *
     * @param columns the columns of the kept jets, with their weights
     * @param result the weighting's outcome
     * @param inputs the variables, classes and base weights of all jets of the file
     */
    record Outcome(JetColumns columns, Weighting.Result result, WeightInputs inputs) {
    }

    /**
     * Per-jet base weights from outside the recipe: an array with its source's name, or a weights file.
     *
     * @param weights one weight per jet of the file, or {@code null}
     * @param source what the array is, for messages
     * @param file an npz with a {@code weight} array (wins over {@code weights}), or {@code null}
     */
    record BaseWeights(float[] weights, String source, Path file) {
    }

    /**
     * Applies the weighting to all rows of the training file, with the base weights from outside if any, and logs
     * the outcome.
     *
     * @param file the open training file
     * @param columns its loaded columns, all rows
     * @param weighting the recipe
     * @param base the base weights
     * @param seed the seed of a resampling draw
     * @param log where the outcome's line goes
     * @return the weighted columns and what made them
     * @throws IOException when the weights file cannot be read
     * @throws IllegalArgumentException when the base weights do not fit the file (naming both)
     */
    static Outcome weigh(TutorialFile file, JetColumns columns, Weighting weighting, BaseWeights base, long seed,
                         Consumer<String> log) throws IOException {
        float[] weights = base.weights();
        if (base.file() != null) {
            weights = WeightsNpz.readWeights(base.file(), file.jetCount(), file.path().toString());
        } else if (weights != null && weights.length != file.jetCount()) {
            throw new IllegalArgumentException(base.source() + ": " + weights.length + " weights for the "
                + file.jetCount() + " jets of " + file.path());
        }
        Outcome outcome = apply(file, columns, weighting, weights, seed);
        log.accept(describe(file.path(), outcome.result()));
        return outcome;
    }

    private TrainingWeights() {
    }

    /**
     * Weights a file's columns.
     *
     * @param file the open training file
     * @param columns its loaded columns, all rows
     * @param weighting the recipe (not {@link Weighting#isNone()})
     * @param baseWeights one weight per jet of the file, or {@code null}
     * @param seed the seed of a resampling draw
     * @return the weighted columns
     * @throws IllegalArgumentException when an axis names no tutorial variable or as {@link Weighting#apply}
     */
    static Outcome apply(TutorialFile file, JetColumns columns, Weighting weighting, float[] baseWeights, long seed) {
        List<KinematicVariable> variables = new ArrayList<>(KinematicVariable.DEFAULT);
        if (weighting.reweighter() != null) {
            for (BinAxis axis : weighting.reweighter().axes()) {
                KinematicVariable v = KinematicVariable.parse(axis.name());
                if (!variables.contains(v)) {
                    variables.add(v);
                }
            }
        }
        WeightInputs in = WeightInputs.read(file, variables);
        if (baseWeights != null) {
            in = in.withBaseWeights(baseWeights);
        }
        Weighting.Result result = weighting.apply(in, seed);
        JetColumns kept = result.keptRows() == null ? columns : columns.select(result.keptRows());
        return new Outcome(kept.withWeights(result.weights()), result, in);
    }

    /**
     * One log line describing the outcome.
     *
     * @param source the file name
     * @param result the outcome
     * @return the line
     */
    static String describe(Object source, Weighting.Result result) {
        List<String> parts = new ArrayList<>();
        if (result.reweighting() != null) {
            var r = result.reweighting().reweighter();
            parts.add(String.format(Locale.ROOT, "reweighted to %s in %d cells (%s), %d jets capped, %d in cells the"
                    + " target lacks", r.target().name(result.classNames()), r.cells(), axes(r.axes()),
                result.reweighting().cappedJets(), result.reweighting().emptyTargetJets()));
            if (result.keptRows() != null) {
                parts.add(String.format(Locale.ROOT, "resampled: %d of %d jets kept", result.keptRows().length,
                    result.inputJets()));
            }
        }
        if (result.weighting().classWeights() != null) {
            parts.add("class weights " + result.weighting().classWeights());
        }
        if (result.weighting().baseWeightSource() != null) {
            parts.add("base weights from " + result.weighting().baseWeightSource());
        }
        double[] totals = result.classTotals();
        StringBuilder t = new StringBuilder("class totals ");
        for (int c = 0; c < totals.length; c++) {
            t.append(c == 0 ? "" : ", ").append(result.classNames().get(c))
                .append(String.format(Locale.ROOT, " %.1f", totals[c]));
        }
        parts.add(t.toString());
        return source + ": weighting: " + String.join("; ", parts);
    }

    private static String axes(List<BinAxis> axes) {
        StringBuilder s = new StringBuilder();
        for (BinAxis a : axes) {
            s.append(s.length() == 0 ? "" : " \u00d7 ").append(a.name()).append(' ').append(a.bins());
        }
        return s.toString();
    }
}
