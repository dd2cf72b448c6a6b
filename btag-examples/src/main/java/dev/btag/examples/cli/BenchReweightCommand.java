package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.examples.bench.ReweightBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag bench reweight}: DeepJet's pT/|eta| reweighting to b on N random jets; prints seconds as JSON. */
@Command(name = "reweight", mixinStandardHelpOptions = true,
    description = {"Kinematic reweighting (pT x |eta| to b, DeepJet's bins) of N random jets in memory; prints"
        + " {\"n\":...,\"seconds\":...} (median of the timed runs, after warm-up runs).",
        "--save-data writes the jets as .npz (pt, abseta float32, classes int32) for the numpy peer."})
final class BenchReweightCommand implements Callable<Integer> {

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

    @Option(names = "--cpu", description = "Also print cpuSeconds: the median CPU time of the whole process per run.")
    boolean cpu;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReweightBenchmark bench = ReweightBenchmark.generate(n, seed);
        if (saveData != null) {
            bench.save(saveData);
        }
        ReweightBenchmark.Result result = bench.run(warmup, repeat);
        JsonObject json = new JsonObject();
        json.addProperty("n", result.n());
        json.addProperty("seconds", result.seconds());
        if (cpu) {
            json.addProperty("cpuSeconds", result.cpuSeconds());
        }
        json.addProperty("weightSum", result.weightSum());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json);
        out.flush();
        return 0;
    }
}
