package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.examples.bench.EvaluateBenchmark;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.evaluate.TaggerEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag bench evaluate}: every output of the evaluation of N jets against one ROC + AUC of N jets. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Times TaggerEvaluation.standard() on N synthetic jets in memory (five comparisons, working points,"
        + " binned performance in pT and |eta|, confusion, calibration, efficiency maps) against one ROC + AUC of N"
        + " jets ('btag bench roc'), interleaved; prints one JSON document with the medians and their ratio.",
        "10 million jets need about 8 GB of heap: BTAG_JAVA_OPTS=-Xmx10g ./btag bench evaluate."})
final class BenchEvaluateCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000000",
        description = "Number of jets (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed rounds first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "5",
        description = "Timed rounds; medians are reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--breakdown", description = "Also time the evaluated comparisons' bare ROC curves and AUCs"
        + " with FlavourComparison.roc, one after the other (comparisonRocSeconds) and side by side as the evaluation"
        + " runs them (comparisonRocParallelSeconds, and comparisonRocParallelRatio: the floor of ratio).")
    boolean breakdown;

    @Option(names = "--save-data", paramLabel = "NPZ", description = "Also write the generated jets to this .npz"
        + " (probabilities, truth, pt, absEta) for the scikit-learn peer bench_evaluate_sklearn.py.")
    Path saveData;

    @Option(names = "--parts", paramLabel = "R", description = "Instead of the interleaved rounds, time the"
        + " evaluation's parts one after the other (discriminants, bins, confusion, calibration, per comparison its"
        + " scan, rates and bins, the maps, and one ROC + AUC for scale), R rounds after one warm-up; prints the"
        + " median CPU and wall-clock seconds of each.")
    Integer parts;

    @Option(names = "--write", paramLabel = "DIR",
        description = "Also write every output into DIR each round and time it apart (writeSeconds).")
    Path write;

    @Option(names = "--b-tagging-only", description = "Evaluate only the three b-tagging comparisons (b vs all, b vs c,"
        + " b vs light+gluon) instead of all five.")
    boolean bTaggingOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TaggerEvaluation evaluation = bTaggingOnly
            ? TaggerEvaluation.builder().optComparisons(FlavourComparison.B_TAGGING).build()
            : TaggerEvaluation.standard();
        EvaluateBenchmark bench = EvaluateBenchmark.generate(n, seed);
        if (saveData != null) {
            bench.save(saveData);
        }
        if (parts != null) {
            return printParts(bench);
        }
        EvaluateBenchmark.Result r = bench.run(warmup, rounds, breakdown, write, evaluation);
        JsonObject json = new JsonObject();
        json.addProperty("n", r.n());
        json.addProperty("rounds", r.rounds());
        json.addProperty("comparisons", bTaggingOnly ? 3 : 5);
        json.addProperty("rocSeconds", r.rocSeconds());
        json.addProperty("evaluateSeconds", r.evaluateSeconds());
        json.addProperty("ratio", r.ratio());
        json.addProperty("rocCpuSeconds", r.rocCpuSeconds());
        json.addProperty("evaluateCpuSeconds", r.evaluateCpuSeconds());
        json.addProperty("cpuRatio", r.cpuRatio());
        if (breakdown) {
            json.addProperty("comparisonRocSeconds", r.comparisonRocSeconds());
            json.addProperty("comparisonRocParallelSeconds", r.comparisonRocParallelSeconds());
            json.addProperty("comparisonRocParallelRatio", r.floorRatio());
        }
        if (write != null) {
            json.addProperty("writeSeconds", r.writeSeconds());
        }
        json.addProperty("aucBvsL", r.auc());
        json.addProperty("synthetic", true);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }

    private int printParts(EvaluateBenchmark bench) {
        if (parts < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parts must be at least 1");
        }
        bench.parts(1);
        JsonObject json = new JsonObject();
        json.addProperty("n", n);
        json.addProperty("rounds", parts);
        JsonObject cpu = new JsonObject();
        JsonObject wall = new JsonObject();
        double cpuSum = 0;
        for (var e : bench.parts(parts).entrySet()) {
            cpu.addProperty(e.getKey(), e.getValue()[0]);
            wall.addProperty(e.getKey(), e.getValue()[1]);
            if (!e.getKey().equals("roc")) {
                cpuSum += e.getValue()[0];
            }
        }
        json.add("cpuSeconds", cpu);
        json.add("wallSeconds", wall);
        json.addProperty("cpuSecondsOfAllButRoc", cpuSum);
        json.addProperty("synthetic", true);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }
}
