package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.examples.bench.RocBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag bench roc}: ROC + AUC on N random jets; prints seconds as JSON. */
@Command(name = "roc", mixinStandardHelpOptions = true,
    description = {"ROC + AUC on N random jets in memory; prints {\"n\":...,\"seconds\":...} (median of the timed"
        + " runs, after warm-up runs).",
        "--save-data writes the jets as .npz (scores float64, labels bool) so that a peer can time the same numbers;"
            + " --data reads such a file instead of generating jets."})
final class BenchRocCommand implements Callable<Integer> {

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000000",
        description = "Number of jets (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeat", defaultValue = "5",
        description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--save-data", paramLabel = "NPZ", description = "Write the generated jets to this .npz file.")
    Path saveData;

    @Option(names = "--data", paramLabel = "NPZ",
        description = "Read jets (scores, labels) from this .npz file instead of generating them.")
    Path data;

    @Option(names = "--cpu", description = "Also print cpuSeconds: the median CPU time of the whole process (all"
        + " threads) per run, less sensitive to competing programs than the wall-clock time.")
    boolean cpu;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RocBenchmark bench = data != null ? RocBenchmark.load(data) : RocBenchmark.generate(n, seed);
        if (saveData != null) {
            bench.save(saveData);
        }
        RocBenchmark.Result result = bench.run(warmup, repeat);
        JsonObject json = new JsonObject();
        json.addProperty("n", result.n());
        json.addProperty("seconds", result.seconds());
        if (cpu) {
            json.addProperty("cpuSeconds", result.cpuSeconds());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }
}
