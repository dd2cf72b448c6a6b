package dev.btag.examples.cli;

import com.google.gson.Gson;
import dev.btag.examples.bench.OnnxBenchmark;
import dev.btag.examples.bench.OnnxBenchmarkResult;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.models.onnx.OnnxTagger;
import dev.btag.models.predict.TaggerPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag bench onnx}: ONNX Runtime versus the PyTorch engine, throughput and single-jet latency per tagger. */
@Command(name = "onnx", mixinStandardHelpOptions = true,
    description = "Inference of exported taggers in ONNX Runtime vs the PyTorch engine: jets/s and single-jet"
        + " latency p50/p99; prints one JSON document.")
final class BenchOnnxCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", split = ",", defaultValue = "dnn,cnn1x1,lstm,gru",
        description = "Taggers, comma-separated: dnn, cnn1x1, lstm, gru, deepjet, deepvertex (default:"
            + " ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--jets", defaultValue = "20000",
        description = "Jets per throughput pass (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--batch-size", defaultValue = "" + TaggerPredictor.DEFAULT_BATCH_SIZE,
        description = "Jets per engine call in the throughput passes (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--calls", defaultValue = "20000",
        description = "Timed single-jet calls per engine, after as many warm-up calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--onnx-threads", defaultValue = "" + OnnxTagger.DEFAULT_THREADS,
        description = "ONNX Runtime's intra-op threads for the throughput passes, 0 for its own choice"
            + " (default: ${DEFAULT-VALUE}).")
    int onnxThreads;

    @Override
    public Integer call() throws Exception {
        List<OnnxBenchmarkResult> results = new ArrayList<>();
        for (String model : models) {
            results.add(OnnxBenchmark.run(TaggerSpec.tutorial(Architecture.fromCliName(model)), jets, batchSize,
                calls, onnxThreads));
        }
        spec.commandLine().getOut().println(new Gson().toJson(new Report(results,
            ai.djl.pytorch.jni.JniUtils.getNumThreads(), Runtime.getRuntime().availableProcessors())));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The JSON document: one entry per tagger, and the threads the engines had. */
    private record Report(List<OnnxBenchmarkResult> taggers, int pytorchIntraOpThreads, int processors) {
    }
}
