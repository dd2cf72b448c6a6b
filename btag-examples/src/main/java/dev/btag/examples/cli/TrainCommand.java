package dev.btag.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.btag.examples.train.TrainingRun;
import dev.btag.models.Architecture;
import dev.btag.models.train.DeviceChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag train}: trains a tagger (dnn, cnn1x1, lstm, gru) on a tutorial-layout file ({@link TrainingRun}). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a tagger (dnn, cnn1x1, lstm, gru) on a tutorial-layout file.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "dnn, cnn1x1, lstm or gru.")
    String model;

    @Option(names = "--train", required = true, description = "The training file (tutorial layout, .npz).")
    Path train;

    @Option(names = "--out", required = true, description = "Output directory (model.btag, history, loss.png, checkpoints).")
    Path out;

    @Option(names = "--epochs", defaultValue = "50", description = "Total epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--dropout", defaultValue = "0.1", description = "Dropout rate (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, shuffling, dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--validation-split", defaultValue = "0.3",
        description = "Fraction of the rows (the last ones) that validate, as Keras (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--no-standardize", description = "Feed the features unstandardised (as the notebooks do).")
    boolean noStandardize;

    @Option(names = "--resume", description = "Continue from OUT/checkpoints/last.btag if it exists.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--json", description = "Print one JSON document with the outcome.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingRun.Config config = new TrainingRun.Config(Architecture.fromCliName(model), train, out, epochs,
            batchSize, learningRate, dropout, seed, DeviceChoice.parse(device), validationSplit, !noStandardize,
            resume, noProgress || json ? null : System.err, line -> {
                err.println(line);
                err.flush();
            });
        TrainingRun.Result r = TrainingRun.run(config);
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("model", model);
            o.addProperty("modelFile", r.model().toString());
            o.addProperty("parameters", r.parameters().total());
            o.addProperty("trainableParameters", r.parameters().trainable());
            o.addProperty("kerasParameters", r.kerasParameters());
            o.addProperty("epochs", r.training().history().size());
            o.addProperty("bestEpoch", r.training().bestEpoch());
            o.addProperty("bestValLoss", r.training().bestLoss());
            o.addProperty("stopReason", r.training().stopReason().name());
            o.addProperty("devices", r.training().devices());
            o.addProperty("trainJets", r.trainJets());
            o.addProperty("validationJets", r.validationJets());
            o.addProperty("synthetic", r.synthetic());
            outWriter.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        } else {
            outWriter.printf("trained %s: %d parameters (%d as Keras counts), best epoch %d of %d (val_loss %.4f),"
                    + " %s; saved %s%n", model, r.parameters().total(), r.kerasParameters(), r.training().bestEpoch(),
                r.training().history().size(), r.training().bestLoss(),
                r.training().stopReason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), r.model());
        }
        outWriter.flush();
        return 0;
    }
}
