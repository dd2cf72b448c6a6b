package dev.btag.examples.cli;

import com.google.gson.Gson;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.examples.bench.ThroughputBenchmark;
import dev.btag.models.predict.TaggerPredictor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag bench predict}: inference throughput of a freshly initialised tutorial tagger on random jets. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Inference throughput of a tagger on random jets; prints jets/s as JSON.")
final class BenchPredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "dnn, cnn1x1, lstm, gru or deepjet.")
    String model;

    @Option(names = "--jets", defaultValue = "20000", description = "Jets per pass (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--batch-size", defaultValue = "" + TaggerPredictor.DEFAULT_BATCH_SIZE,
        description = "Jets per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--compare-batch-sizes", split = ",", paramLabel = "B1,B2,...",
        description = "Instead, compare these batch sizes in one process: interleaved timed rounds, medians.")
    int[] compareBatchSizes;

    @Option(names = "--rounds", defaultValue = "12",
        description = "Timed rounds for --compare-batch-sizes (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        TaggerSpec tagger = TaggerSpec.tutorial(Architecture.fromCliName(model));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", tagger.architecture().cliName());
        json.put("jets", jets);
        if (compareBatchSizes != null) {
            json.put("rounds", rounds);
            json.put("batchSizes", compareBatchSizes);
            json.put("medianJetsPerSecond",
                ThroughputBenchmark.compareBatchSizes(tagger, jets, compareBatchSizes, rounds));
        } else {
            json.put("batchSize", batchSize);
            json.put("predictJetsPerSecond", ThroughputBenchmark.predict(tagger, jets, batchSize));
        }
        spec.commandLine().getOut().println(new Gson().toJson(json));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
