package dev.btag.spark.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.AtomicOutput;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.EfficiencyMapJson;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.spark.evaluate.SparkEvaluation;
import dev.btag.spark.score.ScoredOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag spark evaluate}: scores files on Spark, writes {@code OUT/predictions.parquet}, evaluates the scores
 * exactly ({@link SparkEvaluation}) and writes {@code OUT/metrics.json} with the keys of {@code btag evaluate}'s
 * ({@code auc}, {@code rocs} with {@code workingPoints}, {@code efficiencyWorkingPoints} and {@code binned}, and
 * {@code confusion}), weighted as {@code btag evaluate} weighs: by the layout's {@code weight} field unless
 * {@code --no-layout-weights} ({@code weighted}, {@code weightSource}, {@code weightField} record which);
 * {@code --weights} is refused before anything is scored (see {@link SparkEvaluation}); then the efficiency-map
 * files and the plots {@code btag evaluate} writes ({@link EvaluationOutputs#writeMapsAndPlots}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Scores and evaluates files on Spark: exact ROC curves and AUCs, working points, efficiency and"
        + " mistag vs pT, confusion matrix (OUT/metrics.json, OUT/predictions.parquet, the plots of btag evaluate).")
final class SparkEvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkOptions options;

    @Option(names = "--no-layout-weights",
        description = "Ignore the weight field the layout declares: every jet counts once.")
    boolean noLayoutWeights;

    @Option(names = "--weights", paramLabel = "WEIGHTS.npz",
        description = "Not on Spark: refused (declare the weights as a field of the files in the layout instead).")
    Path weights;

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        EvaluationWeights chosen = weights != null ? EvaluationWeights.fromFile(weights)
            : noLayoutWeights ? EvaluationWeights.none() : EvaluationWeights.fromLayout();
        SparkEvaluation.requireSupported(chosen);
        Path modelFile = options.modelFile();
        List<Path> files = options.files();
        Layout layout = options.resolveLayout(modelFile);
        String name = options.modelName(modelFile, layout);
        boolean synthetic = SparkOptions.synthetic(files, layout);
        SparkSession spark = options.session();
        Dataset<Row> scored = ScoredOutputs.writeParquet(options.scoring(modelFile, layout).score(spark, files),
            options.out);
        SparkEvaluation.Result result = SparkEvaluation.standard().evaluate(name, scored, layout, chosen);
        JsonObject metrics = toJson(result, modelFile, files, synthetic, spark.sparkContext().master());
        chosen.describe(metrics, layout);
        Path metricsFile = options.out.resolve(EvaluationOutputs.METRICS_FILE);
        AtomicOutput.writeString(metricsFile, EvaluationJson.GSON.toJson(metrics) + "\n");
        List<Path> plots = EvaluationOutputs.writeMapsAndPlots(result.view(synthetic), options.out, metrics);
        PrintWriter o = spec.commandLine().getOut();
        if (options.json) {
            o.println(EvaluationJson.GSON.toJson(metrics));
        } else {
            if (synthetic) {
                o.println(SyntheticSample.BANNER);
            }
            if (result.weighted()) {
                o.println("weighted by the layout's weight field '" + chosen.field(layout) + "'");
            }
            for (ComparisonResult c : result.comparisons()) {
                o.println(String.format(Locale.ROOT, "%-18s AUC %.4f +- %.4f (%s)", c.comparison().name(),
                    c.auc().auc(), c.auc().standardError(), c.comparison().discriminant().cmsName()));
            }
            o.println("wrote " + metricsFile + ", " + options.out.resolve(ScoredOutputs.PARQUET) + " and "
                + plots.size() + " plots: " + result.jets() + " jets from " + files.size() + " files on "
                + spark.sparkContext().master());
        }
        o.flush();
        return 0;
    }

    /** The metrics document: btag evaluate's keys for what the Spark evaluation computes. */
    static JsonObject toJson(SparkEvaluation.Result r, Path modelFile, List<Path> files, boolean synthetic,
            String master) {
        JsonObject o = new JsonObject();
        o.addProperty("model", r.tagger());
        o.addProperty("modelFile", modelFile.toString());
        o.addProperty("testFile", files.size() == 1 ? files.get(0).toString() : null);
        JsonArray testFiles = new JsonArray();
        files.forEach(f -> testFiles.add(f.toString()));
        o.add("testFiles", testFiles);
        o.addProperty("jets", r.jets());
        o.addProperty("synthetic", synthetic);
        if (synthetic) {
            o.addProperty("note", SyntheticSample.BANNER);
        }
        JsonObject auc = new JsonObject();
        JsonArray rocs = new JsonArray();
        for (ComparisonResult c : r.comparisons()) {
            auc.add(c.comparison().key(), EvaluationJson.number(c.auc().auc()));
            rocs.add(EvaluationJson.comparison(c));
        }
        o.add("auc", auc);
        o.add("rocs", rocs);
        o.add("confusion", EvaluationJson.confusion(r.confusion()));
        if (r.tutorialClasses()) {
            o.add("confusionCoarse", EvaluationJson.confusion(r.confusion().coarse()));
        }
        o.addProperty("weighted", r.weighted());
        if (!r.calibration().isEmpty()) {
            o.add("calibration", EvaluationJson.calibration(r.calibration()));
        }
        if (r.efficiencyMaps() != null) {
            o.add("efficiencyMap", EfficiencyMapJson.toJson(r.efficiencyMaps(), synthetic));
        }
        o.addProperty("spark", master);
        return o;
    }
}
