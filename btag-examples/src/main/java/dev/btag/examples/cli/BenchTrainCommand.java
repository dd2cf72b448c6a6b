package dev.btag.examples.cli;

import com.google.gson.Gson;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.examples.bench.MatmulRate;
import dev.btag.examples.bench.ThroughputBenchmark;
import dev.btag.examples.bench.ThroughputResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag bench train}: training and inference throughput of a tutorial tagger on random jets (the workload of
 * {@code btag-examples/src/bench/python/torch_taggers.py}), with the achieved share of the machine's matrix-multiply
 * rate and the resident memory after the second and the last epoch.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training and inference throughput of a tagger on random jets; prints jets/s as JSON.")
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "dnn, cnn1x1, lstm, gru or deepjet.")
    String model;

    @Option(names = "--jets", defaultValue = "20000", description = "Jets per epoch (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--batch-size", defaultValue = "512",
        description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "2",
        description = "Timed epochs after one warm-up epoch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--no-matmul", description = "Skip measuring the matrix-multiply rate.")
    boolean noMatmul;

    @Override
    public Integer call() throws Exception {
        Architecture architecture = Architecture.fromCliName(model);
        double matmul = noMatmul ? 0 : MatmulRate.measure(1024, 10) / 1e9;
        ThroughputResult r = ThroughputBenchmark.run(TaggerSpec.tutorial(architecture), jets, batchSize, epochs,
            matmul);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", r.model());
        json.put("parameters", r.parameters());
        json.put("jets", r.jets());
        json.put("batchSize", r.batchSize());
        json.put("trainJetsPerSecond", r.trainJetsPerSecond());
        json.put("predictJetsPerSecond", r.predictJetsPerSecond());
        json.put("epochs", r.epochs());
        json.put("trainGflops", r.trainGflops());
        json.put("predictGflops", r.predictGflops());
        json.put("matmulGflops", r.matmulGflops());
        if (r.matmulGflops() > 0) {
            json.put("trainFractionOfMatmul", r.trainGflops() / r.matmulGflops());
            json.put("predictFractionOfMatmul", r.predictGflops() / r.matmulGflops());
        }
        json.put("rssMiBAfterEpoch2", r.rssMiBAfterEpoch2());
        json.put("rssMiBAfterLastEpoch", r.rssMiBAfterLastEpoch());
        json.put("intraOpThreads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
        spec.commandLine().getOut().println(new Gson().toJson(json));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
