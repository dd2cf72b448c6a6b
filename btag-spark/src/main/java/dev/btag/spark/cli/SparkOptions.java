package dev.btag.spark.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.ntuple.JetFile;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.train.TrainingRun;
import dev.btag.spark.score.SparkScoring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options {@code btag spark predict} and {@code evaluate} share, and what they resolve to. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL", description = "Spark master: local[N], spark://host:7077, yarn,"
        + " k8s://... (default: the one spark-submit set, else local[*]).")
    String master;

    @Option(names = "--model", required = true,
        description = "A saved tagger (.btag), a 'btag train' output directory, or an ONNX model (.onnx).")
    Path model;

    @Option(names = "--logits", description = "The ONNX model outputs logits: apply a softmax.")
    boolean logits;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "FILE",
        description = "The files or quoted globs to score, as one sample; every executor reads them at these paths.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the files: 'tutorial' or a layout"
        + " file (default: the layout saved with the tagger, else the tutorial's).")
    String layout;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--json", description = "Print a JSON document on standard output.")
    boolean json;

    @Option(names = "--rows-per-partition", paramLabel = "N", defaultValue = "65536",
        description = "Jets per Spark partition (default: ${DEFAULT-VALUE}); keep it a multiple of 4096 for"
            + " probabilities bit for bit those of btag predict.")
    int rowsPerPartition;

    /** The model file (a training directory resolved to its model). */
    Path modelFile() throws IOException {
        return ModelFiles.isOnnx(model) ? model : TrainingRun.modelFile(model);
    }

    /** The files, globs expanded. */
    List<Path> files() throws IOException {
        return FileSet.expand(test).files();
    }

    /** The layout: --layout, else the tagger's saved one, else the tutorial's. */
    Layout resolveLayout(Path modelFile) throws IOException {
        if (layout != null) {
            return Layout.resolve(layout);
        }
        if (ModelFiles.isOnnx(modelFile)) {
            return Layout.tutorial();
        }
        try (Tagger tagger = TaggerFile.load(modelFile)) {
            return tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
        }
    }

    /** Refuses option values that cannot work, before any file is read (picocli reports them with exit code 2). */
    void check(CommandSpec spec) {
        if (rowsPerPartition < 1) {
            throw new ParameterException(spec.commandLine(), "--rows-per-partition must be at least 1, got "
                + rowsPerPartition);
        }
    }

    /** The scoring these options describe. */
    SparkScoring scoring(Path modelFile, Layout readWith) {
        return SparkScoring.builder().setModelFile(modelFile).optLogits(logits).optLayout(readWith)
            .optRowsPerPartition(rowsPerPartition).build();
    }

    /**
     * The scorer's name as results give it (an architecture, or the ONNX file's name); loads the model once, an ONNX
     * model through the layout, so that one whose inputs do not match it is refused on the driver before any task.
     */
    String modelName(Path modelFile, Layout readWith) throws IOException {
        try (JetScorer scorer = ModelFiles.open(modelFile, logits ? OutputKind.LOGITS : OutputKind.PROBABILITIES,
                readWith)) {
            return scorer.name();
        }
    }

    /** Whether any file is a synthetic sample. */
    static boolean synthetic(List<Path> files, Layout readWith) throws IOException {
        for (Path p : files) {
            try (JetFile f = JetFile.open(p, readWith)) {
                if (f.isSynthetic()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The session: --master, else spark-submit's, else local[*]. */
    SparkSession session() {
        SparkConf conf = new SparkConf();
        String url = master != null ? master : conf.get("spark.master", "local[*]");
        // no web UI in local runs (a short job, and one port fewer); a cluster keeps Spark's default
        return SparkSession.builder().appName("btag").master(url)
            .config("spark.ui.enabled", String.valueOf(!url.startsWith("local"))).getOrCreate();
    }
}
