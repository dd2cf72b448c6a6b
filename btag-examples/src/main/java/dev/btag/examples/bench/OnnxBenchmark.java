package dev.btag.examples.bench;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.btag.data.schema.FeatureSet;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.onnx.OnnxExport;
import dev.btag.models.onnx.OnnxTagger;
import dev.btag.models.onnx.RandomJets;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares a tagger's inference in ONNX Runtime with the PyTorch engine's, in one process: a freshly initialised
 * tutorial tagger (weights do not change the speed) is exported with {@link OnnxExport} (the agreement check
 * included) and loaded back as an {@link OnnxTagger}.
 *
 * <ul>
 *   <li>Throughput: random jets ({@link RandomJets}: normal features and tracks; for the branch taggers objects
 *       with padding between them and some jets without any), the same batch size for both engines; whole warm-up
 *       passes for at least one second per engine, then three timed passes. PyTorch uses its intra-op thread count
 *       (one per core unless {@code BTAG_THREADS} says otherwise), ONNX Runtime the given count
 *       ({@link OnnxTagger}'s default is one).</li>
 *   <li>Latency: one jet per call, as an event loop calls a tagger; {@code calls} warm-up calls, then {@code calls}
 *       timed calls, each timed alone with {@link System#nanoTime()}; p50 and p99. ONNX Runtime runs with one
 *       intra-op thread, PyTorch with its default (its per-call overhead dominates either way).</li>
 * </ul>
 */
public final class OnnxBenchmark {

    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private OnnxBenchmark() {
    }

    /**
     * Runs the comparison on the CPU.
     *
     * @param spec the tagger (tutorial track shape when it reads tracks; the tutorial's collections for
     *     {@code deepjet}; {@code deepvertex} reads the DeepVertex input, 720 x 10)
     * @param jets jets per throughput pass, at least 1
     * @param batchSize jets per engine call in the throughput passes, at least 1
     * @param calls timed single-jet calls per engine, at least 100
     * @param onnxThreads ONNX Runtime's intra-op threads for the throughput passes (0: its own choice)
     * @return the figures
     * @throws IOException if the temporary export cannot be written
     * @throws TranslateException if an engine fails
     * @throws IllegalArgumentException if a count is too small
     */
    public static OnnxBenchmarkResult run(TaggerSpec spec, int jets, int batchSize, int calls, int onnxThreads)
            throws IOException, TranslateException {
        if (jets < 1 || batchSize < 1 || calls < 100) {
            throw new IllegalArgumentException("need at least 1 jet, a batch size of 1 and 100 latency calls");
        }
        Path onnx = Files.createTempFile("btag-bench-" + spec.architecture().cliName(), ".onnx");
        // the tagger's first collection gives the input shape it is checked against (the tracks, or a branch's)
        InputSpec names = spec.collectionShapes().isEmpty() ? InputSpec.of(FeatureSet.TUTORIAL, null)
            : InputSpec.unstandardised(FeatureSet.TUTORIAL.columnNames(), (int) spec.collectionShapes().get(0).get(0),
                (int) spec.collectionShapes().get(0).get(1));
        try (Tagger tagger = Tagger.create(spec, names, Device.cpu()).initialize();
             TaggerPredictor pytorch = new TaggerPredictor(tagger, batchSize);
             TaggerPredictor pytorchSingle = new TaggerPredictor(tagger, 1)) {
            JetInputs inputs = RandomJets.of(tagger, jets, 0);
            JetInputs single = RandomJets.of(tagger, 1, 1);
            OnnxExport.builder().setTagger(tagger).optCheckJets(256).build().write(onnx);
            try (OnnxTagger runtime = OnnxTagger.open(onnx, OnnxTagger.options().optBatchSize(batchSize)
                     .optThreads(onnxThreads).optInputsAsExported().build());
                 OnnxTagger runtimeSingle = OnnxTagger.open(onnx, OnnxTagger.options().optThreads(1)
                     .optInputsAsExported().build())) {
                double onnxRate = rate(runtime, inputs);
                double pytorchRate = rate(pytorch, inputs);
                double[] onnxLatency = latency(runtimeSingle, single, calls);
                double[] pytorchLatency = latency(pytorchSingle, single, calls);
                return new OnnxBenchmarkResult(spec.architecture().cliName(), tagger.parameterCount().total(), jets,
                    batchSize, onnxThreads, onnxRate, pytorchRate, calls, onnxLatency[0], onnxLatency[1],
                    pytorchLatency[0], pytorchLatency[1]);
            }
        } finally {
            Files.deleteIfExists(onnx);
        }
    }

    /** Jets per second over three timed passes after whole warm-up passes for at least one second. */
    private static double rate(JetScorer scorer, JetInputs inputs) throws TranslateException {
        long end = System.nanoTime() + WARM_UP_NANOS;
        do {
            scorer.predict(inputs);
        } while (System.nanoTime() < end);
        int passes = 3;
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            scorer.predict(inputs);
        }
        return (double) inputs.jets() * passes / ((System.nanoTime() - t0) / 1e9);
    }

    /** p50 and p99 in microseconds of single-jet calls, after as many warm-up calls. */
    private static double[] latency(JetScorer scorer, JetInputs jet, int calls) throws TranslateException {
        for (int i = 0; i < calls; i++) {
            scorer.predict(jet);
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            scorer.predict(jet);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[percentile(calls, 0.50)] / 1e3, nanos[percentile(calls, 0.99)] / 1e3};
    }

    /** The nearest-rank index of a percentile in a sorted array of n values. */
    private static int percentile(int n, double p) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(p * n) - 1));
    }

}
