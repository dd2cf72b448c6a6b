package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.examples.bench.DataThroughput;
import dev.btag.examples.bench.StreamThroughput;
import dev.btag.examples.bench.StreamTrainBenchmark;
import dev.btag.models.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Parameters(arity = "0..*", paramLabel = "FILE",
        description = "A tutorial-layout file to batch (default: generate a synthetic one first); with --stream, the"
            + " files (or quoted globs) to stream.")
    List<String> inputs;

    @Option(names = "--stream", description = "Stream the FILEs with StreamingJetDataset (shuffled, features + the"
        + " layout's first collection) and report jets/s, consumer wait and peak heap.")
    boolean stream;

    @Option(names = "--layout", defaultValue = Layout.TUTORIAL, paramLabel = "LAYOUT",
        description = "With --stream: how to read the files (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--workers", defaultValue = "2", description = "With --stream: reader threads (default:"
        + " ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--train-model", paramLabel = "MODEL", description = "With --stream: train this tagger (dnn,"
        + " cnn1x1, lstm, gru, deepjet: every collection it reads is streamed) from the stream instead and report"
        + " its step time and how long it waited for data.")
    String trainModel;

    @Option(names = "--shuffle-buffer", defaultValue = "32768", description = "With --stream: jets in the shuffle"
        + " buffer (default: ${DEFAULT-VALUE}).")
    int shuffleBuffer;

    @Option(names = "--jets", defaultValue = "20000", description = "Jets to generate (default: ${DEFAULT-VALUE}).")
    int jets;

    @Option(names = "--threads", description = "Simulation threads (default: all processors).")
    Integer threads;

    @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20",
        description = "Timed epochs, after an untimed warm-up of at least 10 epochs and 5 s"
            + " (default: ${DEFAULT-VALUE}).")
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
        if (stream) {
            if (inputs == null || inputs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--stream needs FILEs");
            }
            if (trainModel != null) {
                json.add("streamTrain", streamTrain());
                spec.commandLine().getOut().println(json);
                spec.commandLine().getOut().flush();
                return 0;
            }
            StreamThroughput.Result r = StreamThroughput.run(FileSet.expand(inputs).files(), Layout.resolve(layout),
                batchSize, epochs, workers, shuffleBuffer);
            JsonObject s = new JsonObject();
            s.addProperty("files", r.files());
            s.addProperty("jets", r.jets());
            s.addProperty("batchSize", r.batchSize());
            s.addProperty("epochs", r.epochs());
            s.addProperty("seconds", r.seconds());
            s.addProperty("jetsPerSecond", Math.round(r.jetsPerSecond()));
            s.addProperty("waitSeconds", r.waitSeconds());
            s.addProperty("peakHeapBytes", r.peakHeapBytes());
            s.addProperty("maxHeapBytes", r.maxHeapBytes());
            json.add("stream", s);
            spec.commandLine().getOut().println(json);
            spec.commandLine().getOut().flush();
            return 0;
        }
        if (inputs != null && inputs.size() > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "several FILEs need --stream");
        }
        Path dir = null;
        Path input = inputs == null || inputs.isEmpty() ? null : Path.of(inputs.get(0));
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

    private JsonObject streamTrain() throws Exception {
        StreamTrainBenchmark.Result t = StreamTrainBenchmark.run(FileSet.expand(inputs).files(),
            Layout.resolve(layout), Architecture.fromCliName(trainModel), batchSize, epochs);
        JsonObject o = new JsonObject();
        o.addProperty("model", t.model());
        o.addProperty("files", t.files());
        o.addProperty("jets", t.jets());
        o.addProperty("batchSize", t.batchSize());
        o.addProperty("epochs", t.epochs());
        o.addProperty("steps", t.steps());
        o.addProperty("seconds", t.seconds());
        o.addProperty("stepSeconds", t.stepSeconds());
        o.addProperty("waitSeconds", t.waitSeconds());
        o.addProperty("waitFraction", t.waitFraction());
        o.addProperty("trainJetsPerSecond", Math.round(t.trainJetsPerSecond()));
        return o;
    }
}
