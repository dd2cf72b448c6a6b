package dev.btag.data.weight;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.btag.data.npy.DType;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpyFormatException;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.npy.ScalarType;
import dev.btag.io.FileChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The weights file that {@code btag reweight} writes and {@code btag train --weights} and
 * {@code btag evaluate --weights} read, an {@code .npz} archive with:
 *
 * <ul>
 *   <li>{@value #WEIGHT_ENTRY}: float32 (N), one weight per jet, in file order then row order;</li>
 *   <li>{@code <var>}{@value #EDGES_SUFFIX} for each variable (for example {@code pt_edges}, {@code abseta_edges}):
 *       float64, the bin edges used (a jet outside them went to the nearest edge bin);</li>
 *   <li>{@value #BEFORE_PREFIX}{@code <class>} and {@value #AFTER_PREFIX}{@code <class>} for each class (for
 *       example {@code hist_before_b}, {@code hist_after_uds}): float64 histograms of shape (bins of the first
 *       variable, bins of the second, …), C order, of the class's jets before (counts, or summed base weights)
 *       and after weighting (summed weights);</li>
 *   <li>{@value #SETTINGS_ENTRY}: uint8, UTF-8 JSON of the recipe and its outcome (target, variables with edges,
 *       cap, empty-bin policy, input files, class totals).</li>
 * </ul>
 *
 * <p>numpy reads it with {@code np.load}. The file is written to a temporary file in the same directory and renamed
 * over the target, so a crash never leaves a half-written file under the target's name.
 */
public final class WeightsNpz {

    /** The per-jet weights. */
    public static final String WEIGHT_ENTRY = "weight";
    /** The suffix of a variable's edges array. */
    public static final String EDGES_SUFFIX = "_edges";
    /** The prefix of a class's histogram before weighting. */
    public static final String BEFORE_PREFIX = "hist_before_";
    /** The prefix of a class's histogram after weighting. */
    public static final String AFTER_PREFIX = "hist_after_";
    /** The JSON description of the recipe. */
    public static final String SETTINGS_ENTRY = "weighting";

    private WeightsNpz() {
    }

    /**
     * Writes a reweighting's weights, edges and histograms.
     *
     * @param path the file to write (replaced if present)
     * @param reweighting the reweighting
     * @param settings the JSON description to store (for example the recipe and the input files)
     * @throws IOException if the file cannot be written (the message names it)
     */
    public static void write(Path path, Reweighting reweighting, JsonObject settings) throws IOException {
        KinematicReweighter r = reweighting.reweighter();
        List<BinAxis> axes = r.axes();
        long[] shape = new long[axes.size()];
        for (int a = 0; a < shape.length; a++) {
            shape[a] = axes.get(a).bins();
        }
        byte[] json = new GsonBuilder().setPrettyPrinting().create().toJson(settings)
            .getBytes(StandardCharsets.UTF_8);
        FileChecks.createDirectories(path.toAbsolutePath().getParent());
        NpzWriter.write(path, false, npz -> {
            npz.write(WEIGHT_ENTRY, reweighting.weights(), reweighting.jets());
            for (BinAxis axis : axes) {
                double[] edges = axis.edges();
                npz.write(axis.name() + EDGES_SUFFIX, edges, edges.length);
            }
            List<String> classes = reweighting.classNames();
            for (int c = 0; c < classes.size(); c++) {
                npz.write(BEFORE_PREFIX + classes.get(c), reweighting.before(c), shape);
                npz.write(AFTER_PREFIX + classes.get(c), reweighting.after(c), shape);
            }
            npz.write(SETTINGS_ENTRY, DType.of(ScalarType.UINT8), new long[] {json.length}, false,
                ByteBuffer.wrap(json));
        });
    }

    /**
     * Reads the weights as {@link #readWeights(Path, long, String)} does, widened to {@code double} for the metrics
     * (which take double weights).
     *
     * @param path the weights file
     * @param expectedJets the number of jets the weights must cover
     * @param jetsSource what those jets are, for messages (e.g. the test file's name)
     * @return one weight per jet
     * @throws IOException as {@link #readWeights(Path, long, String)}
     */
    public static double[] readWeightsAsDouble(Path path, long expectedJets, String jetsSource) throws IOException {
        float[] read = readWeights(path, expectedJets, jetsSource);
        double[] w = new double[read.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = read[i];
        }
        return w;
    }

    /**
     * Reads the per-jet weights of a weights file (or of any npz with a 1-D numeric {@value #WEIGHT_ENTRY} array).
     *
     * @param path the file
     * @param expectedJets the number of jets the weights must describe
     * @param jetsSource what those jets are, for the message (for example the training file's name)
     * @return one float32 weight per jet
     * @throws NpyFormatException when the file has no {@value #WEIGHT_ENTRY} array, it is not 1-D and numeric, its
     *     length differs from {@code expectedJets}, or a weight is negative or not finite (one line naming the file,
     *     the array and the problem)
     * @throws IOException when the file cannot be read
     */
    public static float[] readWeights(Path path, long expectedJets, String jetsSource) throws IOException {
        try (NpzFile npz = NpzFile.open(path)) {
            NpyArray array = npz.get(WEIGHT_ENTRY);
            String entry = WEIGHT_ENTRY + ".npy";
            if (array.ndim() != 1 || array.dtype().type().kind() == 'b') {
                throw new NpyFormatException(path, entry, "weights must be a 1-D numeric array, not "
                    + array.dtype().descr() + " of shape " + java.util.Arrays.toString(array.shape()));
            }
            if (array.size() != expectedJets) {
                throw new NpyFormatException(path, entry, array.size() + " weights for the " + expectedJets
                    + " jets of " + jetsSource);
            }
            float[] w;
            try {
                w = array.toFloatArray();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0) || w[i] == Float.POSITIVE_INFINITY) {
                    throw new NpyFormatException(path, entry, "weight[" + i + "] = " + w[i]
                        + "; weights must be finite and non-negative");
                }
            }
            return w;
        }
    }

}
