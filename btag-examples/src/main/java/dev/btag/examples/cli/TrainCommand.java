package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.weight.ClassWeights;
import dev.btag.data.weight.WeightMode;
import dev.btag.data.weight.Weighting;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingResult;
import dev.btag.models.train.TrainingRun;
import dev.btag.models.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code btag train}: trains a tagger (dnn, cnn1x1, lstm, gru) with the library's {@link TrainingRun} on one or more
 * files (names or quoted globs) read through a layout ({@code --layout}, default the tutorial's), optionally with
 * per-jet weights (kinematic reweighting, resampling, class weights, a weights file); bad option values are usage
 * errors (exit 2), found before any data is read.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains a tagger (dnn, cnn1x1, lstm, gru) on files read through a layout (default: the tutorial's).")
final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "dnn, cnn1x1, lstm, gru, deepjet or deepvertex.")
    String model;

    @Option(names = "--train", required = true, arity = "1..*", paramLabel = "FILE",
        description = "The training files or quoted globs (\"dir/*.h5\"); one file is loaded, several are streamed.")
    List<String> train;

    @Option(names = "--validation", arity = "1..*", paramLabel = "FILE",
        description = "Held-out validation files or globs (default: the last --validation-split of the training jets).")
    List<String> validation;

    @Option(names = "--layout", defaultValue = Layout.TUTORIAL, paramLabel = "LAYOUT",
        description = "How to read the files: 'tutorial' (default) or a layout file (docs/data-format.md).")
    String layout;

    @Option(names = {"--collection", "--collections"}, paramLabel = "NAME", split = ",",
        description = "The layout collections the tagger reads, in input order: one for cnn1x1, lstm and gru"
            + " (default: the layout's first), one or more for deepjet (default: all of them).")
    List<String> collections;

    @Option(names = "--padding", defaultValue = "mask", paramLabel = "mask|keep",
        description = "deepjet: mask padded objects (default) or let the LSTMs run over them (docs/models.md).")
    String padding;

    @Option(names = "--sort-by", paramLabel = "COLLECTION:VARIABLE", split = ",",
        description = "deepjet: sort a collection's objects by one of its variables, descending, before its LSTM.")
    List<String> sortBy;

    @Option(names = "--out", required = true,
        description = "Output directory (model.btag, history, loss.png, checkpoints).")
    Path out;

    @Mixin
    TrainingOptionsMixin training;

    @Option(names = "--lr", defaultValue = "" + TrainingSettings.LEARNING_RATE,
        description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--dropout", defaultValue = "" + TrainingSettings.DROPOUT,
        description = "Dropout rate (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--validation-split", defaultValue = "" + TrainingSettings.VALIDATION_SPLIT,
        description = "Fraction of the rows (the last ones) that validate, as Keras (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--no-standardize", description = "Feed the features unstandardised (as the notebooks do).")
    boolean noStandardize;

    @Option(names = "--resume", description = "Continue from OUT/checkpoints/last.btag if it exists.")
    boolean resume;

    @Option(names = "--json", description = "Print one JSON document with the outcome.")
    boolean json;

    @Option(names = "--reweight-target", paramLabel = "T",
        description = "Reweight every class's pT/|eta| (see --vars, --edges) to a reference class (b, bb, lepb, c,"
            + " uds, g) or flat (default: no reweighting).")
    String reweightTarget;

    @Option(names = "--resample", description = "With --reweight-target: keep jets with a probability proportional to"
        + " their weight instead of weighting them (DeepJetCore's remove mode).")
    boolean resample;

    @Option(names = "--class-weights", paramLabel = "W",
        description = "balanced (every class the same total weight) or one factor per class: b,bb,lepb,c,uds,g.")
    String classWeights;

    @Option(names = "--weights", paramLabel = "WEIGHTS.npz",
        description = "Per-jet weights of the training file (btag reweight's output, or any npz with a 'weight'"
            + " array); reweighting and class weights multiply them.")
    Path weights;

    @Mixin
    ReweightingOptionsMixin reweighting;

    @Override
    public Integer call() throws Exception {
        PrintWriter outWriter = spec.commandLine().getOut();
        TrainingRun.Builder builder;
        try {
            builder = TrainingRun.builder().setArchitecture(Architecture.fromCliName(model))
                .setTrainFiles(train.stream().map(Path::of).toList())
                .optOutputDir(out).optEpochs(training.epochs).optBatchSize(training.batchSize)
                .optLearningRate(learningRate).optDropout(dropout).optSeed(training.seed)
                .optDevice(training.deviceChoice()).optValidationSplit(validationSplit)
                .optStandardise(!noStandardize).optResume(resume).optWeighting(weighting()).optWeightsFile(weights)
                .optProgress(training.noProgress || json ? null : System.err)
                .optLog(CommandLog.to(spec.commandLine().getErr()));
            builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        // the options are valid: now read the layout and find the files
        Layout resolved = Layout.resolve(layout);
        Consumer<TaggerSpec.Builder> branches;
        try {
            branches = BranchOptions.customiser(padding, sortBy, resolved);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        TrainingRun run = builder.setTrainFiles(FileSet.expand(train).files()).optLayout(resolved)
            .optCollections(collections == null ? List.of() : collections).optSpecCustomiser(branches)
            .optValidationFiles(validation == null ? List.of() : FileSet.expand(validation).files()).build();
        try (TrainedTagger trained = run.run()) {
            if (json) {
                outWriter.println(EvaluationJson.GSON.toJson(toJson(trained)));
            } else {
                TrainingResult r = trained.training();
                outWriter.printf(Locale.ROOT, "trained %s: %d parameters (%d as Keras counts), best epoch %d of %d"
                        + " (val_loss %.4f), %s; saved %s%n", model, trained.parameters().total(),
                    trained.kerasParameters(), r.bestEpoch(), r.history().size(), r.bestLoss(),
                    r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    trained.modelFile().orElseThrow());
            }
        }
        outWriter.flush();
        return 0;
    }

    /** The weighting recipe of the options. */
    private Weighting weighting() {
        if (reweightTarget == null && resample) {
            throw new IllegalArgumentException("--resample needs --reweight-target");
        }
        return Weighting.builder()
            .optReweighter(reweightTarget == null ? null : reweighting.reweighter(reweightTarget))
            .optMode(resample ? WeightMode.RESAMPLE : WeightMode.WEIGHT)
            .optClassWeights(classWeights == null ? null : ClassWeights.parse(classWeights)).build();
    }

    private JsonObject toJson(TrainedTagger trained) {
        TrainingResult r = trained.training();
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("modelFile", trained.modelFile().orElseThrow().toString());
        o.addProperty("parameters", trained.parameters().total());
        o.addProperty("trainableParameters", trained.parameters().trainable());
        o.addProperty("kerasParameters", trained.kerasParameters());
        o.addProperty("epochs", r.history().size());
        o.addProperty("bestEpoch", r.bestEpoch());
        o.add("bestValLoss", EvaluationJson.number(r.bestLoss()));
        o.addProperty("stopReason", r.stopReason().name());
        o.addProperty("devices", r.devices());
        o.addProperty("trainJets", trained.trainJets());
        o.addProperty("validationJets", trained.validationJets());
        o.addProperty("synthetic", trained.synthetic());
        trained.weighting().ifPresent(w -> o.add("weighting", w.toJson()));
        return o;
    }
}
