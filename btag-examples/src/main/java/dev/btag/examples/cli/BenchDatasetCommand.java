package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.examples.bench.DataThroughput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag bench dataset}: synthetic generation and batch-assembly throughput as one JSON document. Without a FILE
 * it first simulates and writes a synthetic file in a temporary directory (timing that too), then times batches.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "Times synthetic generation (jets/s) and batch assembly of 15 features + 10x21 tracks (jets/s).")
final class BenchDatasetCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE",
        description = "A tutorial-layout file to batch (default: generate a synthetic one first).")
    Path file;

    @Option(names = "--jets", defaultValue = "20000", description = "Jets to generate (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--threads", description = "Simulation threads (default: all processors).")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20",
        description = "Timed epochs, after an untimed warm-up of at least 10 epochs and 5 s (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jets < 1 || batchSize < 1 || epochs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--jets, --batch-size and --epochs must be at least 1");
        }
        JsonObject json = new JsonObject();
        Path dir = null;
        Path input = file;
        try {
            if (input == null) {
                dir = Files.createTempDirectory("btag-bench-dataset");
                input = dir.resolve("synthetic.npz");
                int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
                DataThroughput.Generation g = DataThroughput.generation(input, jets, 1, t);
                JsonObject generation = new JsonObject();
                generation.addProperty("jets", g.jets());
                generation.addProperty("threads", g.threads());
                generation.addProperty("simulateJetsPerSecond", Math.round(g.simulateJetsPerSecond()));
                generation.addProperty("writeSeconds", g.writeSeconds());
                generation.addProperty("fileBytes", g.fileBytes());
                generation.addProperty("jetsPerSecond", Math.round(g.jetsPerSecond()));
                json.add("generate", generation);
            }
            DataThroughput.Batches b = DataThroughput.batches(input, batchSize, epochs);
            JsonObject batches = new JsonObject();
            batches.addProperty("jets", b.jets());
            batches.addProperty("batchSize", b.batchSize());
            batches.addProperty("epochs", b.epochs());
            batches.addProperty("loadSeconds", b.loadSeconds());
            batches.addProperty("jetsPerSecond", Math.round(b.jetsPerSecond()));
            json.add("batches", batches);
        } finally {
            if (dir != null) {
                Files.deleteIfExists(input);
                Files.deleteIfExists(dir);
            }
        }
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
