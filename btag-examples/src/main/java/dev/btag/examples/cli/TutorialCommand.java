package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;

import dev.btag.examples.tutorial.Tutorial;
import dev.btag.examples.tutorial.TutorialResult;
import dev.btag.models.Architecture;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code btag tutorial}: the whole hands-on end to end, with an HTML report ({@link Tutorial}). */
@Command(name = "tutorial", mixinStandardHelpOptions = true,
    description = "The whole hands-on end to end: generate (or read) the sample, plot the inputs, train and evaluate"
        + " the DNN, 1x1-CNN, LSTM, GRU and DeepJet-style taggers, and write DIR/report.html and DIR/summary.json.")
final class TutorialCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "btag-tutorial",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jets", defaultValue = "20000",
        description = "Jets per generated synthetic file (default: ${DEFAULT-VALUE}, the tutorial's file size).")
    int jets;

    @Option(names = "--train", arity = "1..*", paramLabel = "FILE",
        description = "Your own training files or quoted globs (read with --layout); needs --test.")
    List<String> train;

    @Option(names = "--test", arity = "1..*", paramLabel = "FILE",
        description = "Your own test files or quoted globs (read with --layout); needs --train.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = Layout.TUTORIAL, description = "How to read"
        + " --train and --test: 'tutorial' (default) or a layout file whose groups declare b, c and light classes.")
    String layout;

    @Option(names = "--models", split = ",", defaultValue = "dnn,cnn1x1,lstm,gru,deepjet",
        description = "Taggers to train, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--no-deepjet",
        description = "Leave the DeepJet-style tagger out (the slowest to train: about half of the run).")
    boolean noDeepJet;

    @Mixin
    TrainingOptionsMixin training;

    private static List<Path> expand(List<String> patterns) throws IOException {
        return patterns == null ? List.of() : FileSet.expand(patterns).files();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        Tutorial.Config config;
        try {
            List<Architecture> architectures = new ArrayList<>();
            for (String name : models) {
                Architecture a = Architecture.fromCliName(name.strip());
                if (!(noDeepJet && a == Architecture.DEEPJET)) {
                    architectures.add(a);
                }
            }
            config = new Tutorial.Config(out, jets, training.epochs, expand(train), expand(test),
                Layout.resolve(layout), architectures, training.seed,
                training.batchSize, training.deviceChoice(), training.noProgress ? null : System.err,
                CommandLog.to(err));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        TutorialResult result = Tutorial.run(config);
        stdout.println("report:  " + result.report().toAbsolutePath());
        stdout.println("summary: " + result.summary().toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
