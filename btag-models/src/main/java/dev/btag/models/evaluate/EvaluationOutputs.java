package dev.btag.models.evaluate;

import com.google.gson.JsonObject;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every output of an {@link Evaluation} into one directory, as {@code btag evaluate} does:
 * {@value #METRICS_FILE} ({@link EvaluationJson}), {@value #PREDICTIONS_FILE} ({@link PredictionsNpz}), the
 * efficiency maps' {@value EfficiencyMapJson#FILE}, CSV and npz ({@link EfficiencyMapOutputs}) and the plots of
 * {@link EvaluationPlots}. Every file is written to a temporary file and renamed over the target.
 */
public final class EvaluationOutputs {

    /** The metrics file name. */
    public static final String METRICS_FILE = "metrics.json";
    /** The predictions file name. */
    public static final String PREDICTIONS_FILE = "predictions.npz";

    private EvaluationOutputs() {
    }

    /**
     * Writes the metrics, the predictions, the efficiency maps and the plots.
     *
     * @param e the evaluation
     * @param modelFile the tagger's file, recorded in the metrics, or {@code null}
     * @param dir the directory (created if missing)
     * @return the plots written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> writeAll(Evaluation e, Path modelFile, Path dir) throws IOException {
        return writeAll(e, dir, EvaluationJson.toJson(e, modelFile));
    }

    /**
     * Writes the outputs with a metrics document the caller has completed (for example with the name of a weights
     * file); its {@code weightSource} and {@code weightField}, where present, go into {@value EfficiencyMapJson#FILE}
     * too.
     *
     * @param e the evaluation
     * @param dir the directory (created if missing)
     * @param metrics its {@link EvaluationJson#toJson} document, with any keys added
     * @return the plots written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> writeAll(Evaluation e, Path dir, JsonObject metrics) throws IOException {
        FileChecks.createDirectories(dir);
        AtomicOutput.writeString(dir.resolve(METRICS_FILE), EvaluationJson.GSON.toJson(metrics) + "\n");
        PredictionsNpz.write(e, dir.resolve(PREDICTIONS_FILE));
        return writeMapsAndPlots(e.view(), dir, metrics);
    }

    /**
     * Writes the outputs made from an evaluation's parts alone: the efficiency maps' {@value EfficiencyMapJson#FILE},
     * CSV and npz ({@link EfficiencyMapOutputs}, heat maps of the reference working point only, drawn with the plots)
     * when there are maps, and the plots of {@link EvaluationPlots}. {@link #writeAll} writes these after the metrics
     * and predictions; a distributed evaluation, which has no per-jet arrays to write, calls it directly.
     *
     * @param e the evaluation's parts
     * @param dir the directory (created if missing)
     * @return the plots written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> writeMapsAndPlots(EvaluationView e, Path dir) throws IOException {
        return writeMapsAndPlots(e, dir, null);
    }

    /**
     * As {@link #writeMapsAndPlots(EvaluationView, Path)}, with {@value EfficiencyMapJson#FILE} recording where the
     * weights came from as the metrics document does: its {@code weightSource} and {@code weightField} are copied.
     *
     * @param e the evaluation's parts
     * @param dir the directory (created if missing)
     * @param metrics the evaluation's {@value #METRICS_FILE} document, completed by
     *     {@link EvaluationWeights#describe}, or {@code null} to leave the weight keys out
     * @return the plots written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> writeMapsAndPlots(EvaluationView e, Path dir, JsonObject metrics) throws IOException {
        FileChecks.createDirectories(dir);
        if (e.efficiencyMaps() != null) {
            EfficiencyMapOutputs.writeAll(e.efficiencyMaps(), e.synthetic(), metrics, dir, List.of());
        }
        return EvaluationPlots.write(e, dir);
    }

    /**
     * Writes {@value #METRICS_FILE} alone.
     *
     * @param e the evaluation
     * @param modelFile the tagger's file, or {@code null}
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public static void writeMetrics(Evaluation e, Path modelFile, Path file) throws IOException {
        AtomicOutput.writeString(file, EvaluationJson.GSON.toJson(EvaluationJson.toJson(e, modelFile)) + "\n");
    }
}
