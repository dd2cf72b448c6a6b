package dev.btag.models.evaluate;

import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.weight.WeightsNpz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which per-jet weights an evaluation uses: the {@code weight} field the layout declares ({@link #fromLayout()}, the
 * default), none ({@link #none()}), or the {@code weight} array of a weights file such as {@code btag reweight}
 * writes ({@link #fromFile(Path)}), which <em>replaces</em> the layout's weights: {@code btag reweight --layout}
 * already multiplies every weight it computes by the layout's, so multiplying again would count the layout's weights
 * twice. Weights must be finite and non-negative wherever they come from; a negative one (MC generators give them)
 * is refused with one line naming the file, the field and the first bad row, because the working points, DeLong's
 * AUC error, the Clopper-Pearson intervals, the efficiency maps and the calibration are not defined for signed
 * weights. This class is immutable and thread-safe.
 */
public final class EvaluationWeights {

    /** Where the weights come from. */
    public enum Source {
        /** The layout's {@code weight} field (no weights when the layout declares none). */
        LAYOUT,
        /** No weights: every jet counts once. */
        NONE,
        /** The {@code weight} array of a weights npz file. */
        FILE
    }

    /** The key of {@link #describeSource} that names where the weights came from. */
    public static final String SOURCE_KEY = "weightSource";
    /** The key of {@link #describeSource} that names the layout's weight field. */
    public static final String FIELD_KEY = "weightField";

    private static final EvaluationWeights LAYOUT = new EvaluationWeights(Source.LAYOUT, null);
    private static final EvaluationWeights NONE = new EvaluationWeights(Source.NONE, null);

    private final Source source;
    private final Path file;

    private EvaluationWeights(Source source, Path file) {
        this.source = source;
        this.file = file;
    }

    /**
     * The layout's {@code weight} field when it declares one, else no weights (the default of every evaluation).
     *
     * @return the choice
     */
    public static EvaluationWeights fromLayout() {
        return LAYOUT;
    }

    /**
     * No weights, whatever the layout declares (its weight field is then not read at all).
     *
     * @return the choice
     */
    public static EvaluationWeights none() {
        return NONE;
    }

    /**
     * The {@code weight} array of an npz file (one per jet of all test files together, in file order then row
     * order), replacing any weight the layout declares.
     *
     * @param weightsNpz the file, for example from {@code btag reweight}
     * @return the choice
     */
    public static EvaluationWeights fromFile(Path weightsNpz) {
        return new EvaluationWeights(Source.FILE, Objects.requireNonNull(weightsNpz, "weightsNpz"));
    }

    /**
     * Where the weights come from.
     *
     * @return the source
     */
    public Source source() {
        return source;
    }

    /**
     * The weights file.
     *
     * @return the file of {@link #fromFile(Path)}, else {@code null}
     */
    public Path file() {
        return file;
    }

    /**
     * The layout field the weights are read from.
     *
     * @param layout the layout the test files are read with
     * @return the declared {@code weight} field when this choice reads it, else {@code null}
     */
    public String field(Layout layout) {
        return source == Source.LAYOUT ? layout.weight().orElse(null) : null;
    }

    /**
     * Reads the truth of test files with these weights ({@link TestSample#read(List, Layout)}).
     *
     * @param files the test files, in order
     * @param layout how to read them
     * @return the sample, weighted as chosen
     * @throws IOException if a file cannot be read or does not match the layout, a weights file holds the wrong number
     *     of weights, or a weight is negative or not finite (the message names the file, the field and the row)
     */
    public TestSample read(List<Path> files, Layout layout) throws IOException {
        return applyTo(TestSample.read(files, layout, source == Source.LAYOUT), files);
    }

    /**
     * Applies these weights to a sample read without the choice: {@link Source#LAYOUT} keeps its weights,
     * {@link Source#NONE} drops them, {@link Source#FILE} replaces them with the file's.
     *
     * @param sample the sample
     * @param files the files it was read from (named in a message about the weights file)
     * @return the weighted sample
     * @throws IOException if the weights file cannot be read, holds another number of weights than the sample has
     *     jets, or a negative or non-finite weight (the message names the file, the array and the row)
     */
    public TestSample applyTo(TestSample sample, List<Path> files) throws IOException {
        return switch (source) {
            case LAYOUT -> sample;
            case NONE -> sample.withWeights(null);
            case FILE -> {
                String jets = files.size() == 1 ? files.get(0).toString() : files.size() + " test files";
                // WeightsNpz refuses a negative or non-finite weight, naming the file, the entry and the index
                yield sample.withWeights(WeightsNpz.readWeightsAsDouble(file, sample.jets(), jets));
            }
        };
    }

    /**
     * Records in a {@code metrics.json} document where the weights came from: {@code weightSource} and
     * {@code weightField} ({@link #describeSource}) and {@code weights} (the weights file, for {@code "file"}, the key
     * of the first release). {@code weighted} is written by {@link EvaluationJson}.
     *
     * @param metrics the document to add to
     * @param layout the layout the test files were read with
     */
    public void describe(JsonObject metrics, Layout layout) {
        describeSource(metrics, layout);
        if (file != null) {
            metrics.addProperty("weights", file.toString());
        }
    }

    /**
     * Records in an output document ({@code metrics.json}, {@code efficiency_map.json}) where the weights came from:
     * {@code weightSource} ({@code "layout"}, {@code "file"} or {@code "none"}: what was actually applied, so
     * {@code "none"} for a layout without a weight field) and {@code weightField} (the layout's field, only for
     * {@code "layout"}).
     *
     * @param document the document to add to
     * @param layout the layout the test files were read with
     */
    public void describeSource(JsonObject document, Layout layout) {
        String field = field(layout);
        Source applied = source == Source.LAYOUT && field == null ? Source.NONE : source;
        document.addProperty(SOURCE_KEY, applied.name().toLowerCase(Locale.ROOT));
        if (field != null) {
            document.addProperty(FIELD_KEY, field);
        }
    }

    /**
     * A short description for people.
     *
     * @return for example {@code EvaluationWeights[FILE weights.npz]}
     */
    @Override
    public String toString() {
        return "EvaluationWeights[" + source + (file == null ? "" : " " + file) + "]";
    }
}
