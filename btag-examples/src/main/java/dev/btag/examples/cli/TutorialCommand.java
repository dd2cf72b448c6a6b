package dev.btag.examples.cli;

import dev.btag.examples.tutorial.Tutorial;
import dev.btag.examples.tutorial.TutorialResult;
import dev.btag.models.Architecture;
import dev.btag.models.train.DeviceChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag tutorial}: the whole hands-on end to end, with an HTML report ({@link Tutorial}). */
@Command(name = "tutorial", mixinStandardHelpOptions = true,
    description = "The whole hands-on end to end: generate (or read) the sample, plot the inputs, train and evaluate"
        + " the DNN, 1x1-CNN, LSTM and GRU, and write DIR/report.html and DIR/summary.json.")
final class TutorialCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "btag-tutorial",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jets", defaultValue = "20000",
        description = "Jets per generated synthetic file (default: ${DEFAULT-VALUE}, the tutorial's file size).")
    int jets;

    @Option(names = "--epochs", defaultValue = "50",
        description = "Maximum epochs per tagger; early stopping may end sooner (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train", description = "Your own training file (tutorial layout); needs --test.")
    Path train;

    @Option(names = "--test", description = "Your own test file (tutorial layout); needs --train.")
    Path test;

    @Option(names = "--models", split = ",", defaultValue = "dnn,cnn1x1,lstm,gru",
        description = "Taggers to train, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of everything (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--no-progress", description = "No per-epoch progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<Architecture> architectures = new ArrayList<>();
        for (String name : models) {
            architectures.add(Architecture.fromCliName(name.strip()));
        }
        Tutorial.Config config = new Tutorial.Config(out, jets, epochs, train, test, architectures, seed, batchSize,
            DeviceChoice.parse(device), noProgress ? null : System.err, line -> {
                err.println(line);
                err.flush();
            });
        TutorialResult result = Tutorial.run(config);
        stdout.println("report:  " + result.report().toAbsolutePath());
        stdout.println("summary: " + result.summary().toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
