package dev.btag.spark.score;

import dev.btag.data.layout.Layout;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkFiles;

/**
 * A tagger that Spark ships to every executor: the driver adds the model file to the job
 * ({@link SparkContext#addFile(String)}), and each executor opens its local copy ({@link SparkFiles#get(String)})
 * once and keeps it for every task it runs. Nothing assumes a filesystem shared by the driver and the executors.
 *
 * <p>A btag tagger ({@code .btag}) is predicted with {@link TaggerPredictor}, an ONNX model ({@code .onnx}) with
 * ONNX Runtime; both are thread-safe, so the concurrent tasks of an executor share one. The loaded models live as
 * long as the executor's JVM, keyed by this record: ship each model file under its own name within one application
 * (Spark refuses to add a second file of the same name from another path). The layout travels with the model as
 * YAML ({@code null} for the tutorial layout); an ONNX model is opened through it
 * ({@link ModelFiles#open(Path, OutputKind, Layout)}, as {@code btag predict --layout} opens it), so its inputs are
 * matched to the layout's features and collections on the executor as on one machine.
 * This record is immutable and serializable.
 *
 * @serial exclude (a unit of work between driver and executors of one job, not a stored form)
 * @param fileName the model file's name, as Spark's file server knows it
 * @param logits whether an ONNX model outputs logits (a softmax is then applied)
 * @param layoutYaml the layout to read the inputs with, as YAML, or {@code null} for the tutorial layout
 */
public record ShippedModel(String fileName, boolean logits, String layoutYaml) implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Map<ShippedModel, Loaded> LOADED = new ConcurrentHashMap<>();

    /**
     * Adds a model file to a Spark job.
     *
     * @param context the job's context
     * @param modelFile a {@code .btag} or {@code .onnx} file on the driver
     * @param logits whether an ONNX model outputs logits
     * @param layout the layout to read the inputs with
     * @return what the executors open
     * @throws IOException if the file is missing (the message names it)
     * @throws IllegalArgumentException if logits are asked of a btag tagger
     */
    public static ShippedModel ship(SparkContext context, Path modelFile, boolean logits, Layout layout)
            throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new java.nio.file.NoSuchFileException(modelFile.toString(), null, "no such model file");
        }
        if (logits && !ModelFiles.isOnnx(modelFile)) {
            throw new IllegalArgumentException(modelFile + ": logits apply to ONNX models only; a btag tagger gives"
                + " probabilities");
        }
        context.addFile(modelFile.toAbsolutePath().toString());
        return new ShippedModel(modelFile.getFileName().toString(), logits,
            layout.isTutorial() ? null : layout.toYaml());
    }

    /**
     * The layout the inputs are read with.
     *
     * @return the tutorial layout, or the shipped one parsed
     */
    public Layout layout() {
        return layoutYaml == null ? Layout.tutorial() : Layout.parse(layoutYaml, "shipped layout");
    }

    /**
     * The model as loaded on this JVM, loading it from Spark's local copy on the first call.
     *
     * @return the loaded model, shared by every task of the executor
     * @throws UncheckedIOException if the file cannot be read, or an ONNX model's inputs do not match the shipped
     *     layout (the message names the model)
     */
    public Loaded load() {
        return LOADED.computeIfAbsent(this, ShippedModel::open);
    }

    private static Loaded open(ShippedModel m) {
        Path local = Path.of(SparkFiles.get(m.fileName()));
        try {
            if (ModelFiles.isOnnx(local)) {
                return new Loaded(ModelFiles.open(local, m.logits() ? OutputKind.LOGITS : OutputKind.PROBABILITIES,
                    m.layout()), null);
            }
            Tagger tagger = TaggerFile.load(local);
            TaggerPredictor predictor = new TaggerPredictor(tagger);
            return new Loaded(predictor, predictor);
        } catch (IOException e) {
            throw new UncheckedIOException(m.fileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A model loaded on an executor.
     *
     * @param scorer scores files read through the shipped layout (either kind of model; an ONNX model was opened
     *     through that layout)
     * @param tagger the btag tagger's predictor (the same object as {@code scorer}); {@code null} for an ONNX model
     */
    public record Loaded(JetScorer scorer, TaggerPredictor tagger) {
    }
}
