package dev.btag.spark.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.spark.score.ScoredOutputs;
import dev.btag.spark.score.SparkScoring;
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
 * {@code btag spark predict}: scores files on Spark and writes {@code OUT/predictions.parquet} (one row per jet:
 * file, row, truth, class, probabilities, discriminants, pt, eta, weight) and, with {@code --npz}, one
 * {@code predictions.npz} per input file as {@code btag predict} writes it.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Scores files on Spark: OUT/predictions.parquet, and with --npz one .predictions.npz per input"
        + " file as 'btag predict' writes it.")
final class SparkPredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SparkOptions options;

    @Option(names = "--npz", description = "Also write OUT/<input>.predictions.npz per input file.")
    boolean npz;

    @Override
    public Integer call() throws Exception {
        options.check(spec);
        Path modelFile = options.modelFile();
        List<Path> files = options.files();
        Layout layout = options.resolveLayout(modelFile);
        String name = options.modelName(modelFile, layout);
        SparkScoring scoring = options.scoring(modelFile, layout);
        SparkSession spark = options.session();
        long start = System.nanoTime();
        Dataset<Row> scored = ScoredOutputs.writeParquet(scoring.score(spark, files), options.out);
        double seconds = (System.nanoTime() - start) / 1e9;
        long jets = scored.count();
        int partitions = scoring.plan(files).size();
        List<Path> npzFiles = npz ? ScoredOutputs.writeNpz(scored, files, layout, options.out) : List.of();
        Path parquet = options.out.resolve(ScoredOutputs.PARQUET);
        PrintWriter o = spec.commandLine().getOut();
        if (options.json) {
            JsonObject doc = new JsonObject();
            doc.addProperty("model", name);
            doc.addProperty("modelFile", modelFile.toString());
            doc.addProperty("master", spark.sparkContext().master());
            doc.addProperty("files", files.size());
            doc.addProperty("jets", jets);
            doc.addProperty("partitions", partitions);
            doc.addProperty("seconds", seconds);
            doc.addProperty("jetsPerSecond", jets / seconds);
            doc.addProperty("parquet", parquet.toString());
            JsonArray written = new JsonArray();
            npzFiles.forEach(p -> written.add(p.toString()));
            doc.add("npz", written);
            doc.addProperty("synthetic", SparkOptions.synthetic(files, layout));
            o.println(EvaluationJson.GSON.toJson(doc));
        } else {
            o.println(String.format(Locale.ROOT, "wrote %s: %d jets from %d files scored by %s on %s (%d partitions,"
                + " %.1f s, %.0f jets/s)%s", parquet, jets, files.size(), name, spark.sparkContext().master(),
                partitions, seconds, jets / seconds, npzFiles.isEmpty() ? "" : " and " + npzFiles.size() + " npz"));
        }
        o.flush();
        return 0;
    }
}
