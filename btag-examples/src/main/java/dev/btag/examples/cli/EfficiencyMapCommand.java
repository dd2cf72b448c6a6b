package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.EfficiencyMap;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.EfficiencyMapEvaluation;
import dev.btag.models.evaluate.EfficiencyMapJson;
import dev.btag.models.evaluate.EfficiencyMapOutputs;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.PredictionsNpz;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag efficiency-map}: the per-flavour efficiency maps over jet pT x |eta| of one discriminant at every
 * working point, from a saved tagger or from a {@code predictions.npz}, with the library's
 * {@link EfficiencyMapEvaluation} and {@link EfficiencyMapOutputs}; weighted by the layout's {@code weight} field
 * when it declares one, unless {@code --no-layout-weights} ({@link EvaluationWeights}).
 */
@Command(name = "efficiency-map", mixinStandardHelpOptions = true,
    description = {"Per-flavour (b, c, light) efficiency maps over jet pT x |eta| of one discriminant at each"
        + " working point (loose/medium/tight at 10/1/0.1% mistag, 60/70/77/85% signal efficiency), as the"
        + " scale-factor method of an analysis needs them.",
        "Writes DIR/efficiency_map.json, efficiency_map.csv, efficiency_map.npz and one heat map per flavour and"
            + " working point. Bin i is [edge_i, edge_i+1), the last bin takes everything above its lower edge,"
            + " jets below the first edge are left out; a jet passes when its discriminant is at least the threshold."})
final class EfficiencyMapCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the scores come from: a tagger or a predictions file. */
    static final class Source {
        @Option(names = "--model", paramLabel = "M", required = true,
            description = "A saved tagger (.btag) or a 'btag train' output directory; it predicts the test file.")
        Path model;

        @Option(names = "--scores", paramLabel = "NPZ", required = true,
            description = "A predictions.npz of 'btag evaluate' or 'btag predict' made from the same test file.")
        Path scores;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "FILE",
        description = "The test files or quoted globs, together: truth, jet pT and |eta|.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the test files: 'tutorial' or a"
        + " layout file declaring kinematics.pt and kinematics.eta (default: the layout saved with --model, else the"
        + " tutorial's).")
    String layout;

    @Option(names = "--discriminant", defaultValue = "BvsL", paramLabel = "D",
        description = "BvsL, BvsC, BvsAll, CvsL or CvsB (default ${DEFAULT-VALUE}); its working points come from"
            + " its own comparison's ROC curve (BvsL: b vs light+gluon).")
    String discriminant;

    @Option(names = "--pt-edges", split = ",", paramLabel = "E",
        description = "Jet pT bin edges in GeV, increasing (default 20,30,40,50,60,80,100,150,200,300).")
    double[] ptEdges;

    @Option(names = "--abseta-edges", split = ",", paramLabel = "E",
        description = "Jet |eta| bin edges, increasing (default 0,0.5,1,1.5,2,2.5).")
    double[] absEtaEdges;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--no-layout-weights",
        description = "Ignore the weight field the layout declares: unweighted maps and working points (default:"
            + " weighted by it).")
    boolean noLayoutWeights;

    @Override
    public Integer call() throws Exception {
        Discriminant d = parse(() -> Discriminant.fromCmsName(discriminant), "--discriminant");
        Binning pt = ptEdges == null ? TaggerEvaluation.DEFAULT_PT_BINS : parse(() -> Binning.of(ptEdges),
            "--pt-edges");
        Binning absEta = absEtaEdges == null ? TaggerEvaluation.DEFAULT_ABS_ETA_BINS
            : parse(() -> Binning.of(absEtaEdges), "--abseta-edges");
        List<Path> files = FileSet.expand(test).files();
        Layout readWith = readWith();
        if (!readWith.isTutorial() && (readWith.kinematics().ptField().isEmpty()
            || readWith.kinematics().etaField().isEmpty())) {
            throw new IllegalArgumentException(readWith.source() + ": kinematics: the efficiency maps need"
                + " kinematics.pt and kinematics.eta");
        }
        EvaluationWeights weights = noLayoutWeights ? EvaluationWeights.none() : EvaluationWeights.fromLayout();
        TestSample sample = weights.read(files, readWith);
        double[] scores = source.model != null ? predict(files, readWith, d) : read(sample, d, files);
        EfficiencyMaps maps = EfficiencyMapEvaluation.of(d, scores, sample, pt, absEta);
        JsonObject weightSource = new JsonObject();
        weights.describeSource(weightSource, readWith);
        List<Path> plots = EfficiencyMapOutputs.writeAll(maps, sample.synthetic(), weightSource, out, null);
        PrintWriter o = spec.commandLine().getOut();
        if (sample.weighted()) {
            o.println("weighted by the layout's weight field '" + weights.field(readWith) + "'");
        }
        EfficiencyMaps.CutMaps medium = maps.cuts().get(Math.min(1, maps.cuts().size() - 1));
        for (FlavourGroup g : FlavourGroup.STANDARD) {
            EfficiencyMap m = medium.flavour(g);
            double passed = Arrays.stream(m.passed()).flatMapToDouble(Arrays::stream).sum();
            double total = Arrays.stream(m.total()).flatMapToDouble(Arrays::stream).sum();
            o.printf(Locale.ROOT, "%s at %s (%s >= %.4g): %s jets %.0f of %.0f pass (%.4f)%n", d.cmsName(),
                medium.cut().name(), d.cmsName(), medium.cut().threshold(), g.name(), passed, total,
                total > 0 ? passed / total : Double.NaN);
        }
        o.println("wrote " + out.resolve(EfficiencyMapJson.FILE) + ", " + EfficiencyMapOutputs.CSV + ", "
            + EfficiencyMapOutputs.NPZ + " and " + plots.size() + " heat maps"
            + (sample.synthetic() ? "; " + SyntheticSample.BANNER : ""));
        o.flush();
        return 0;
    }

    /** --layout, else the layout saved with --model, else the tutorial's. */
    private Layout readWith() throws java.io.IOException {
        if (layout != null) {
            return Layout.resolve(layout);
        }
        if (source.model == null) {
            return Layout.tutorial();
        }
        try (Tagger tagger = TaggerFile.load(TrainingRun.modelFile(source.model))) {
            return tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
        }
    }

    private double[] predict(List<Path> files, Layout readWith, Discriminant d) throws Exception {
        try (Tagger tagger = TaggerFile.load(TrainingRun.modelFile(source.model))) {
            if (readWith.isTutorial() && tagger.spec().classes() == Discriminants.CLASSES) {
                List<Predictions> parts = new ArrayList<>();
                try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                    for (Path path : files) {
                        try (TutorialFile file = TutorialFile.open(path)) {
                            parts.add(predictor.predict(file));
                        }
                    }
                }
                return Discriminants.compute(d, Predictions.concat(parts).probabilities());
            }
            return LayoutPredictions.score(tagger, files, readWith).discriminant(d);
        }
    }

    private double[] read(TestSample sample, Discriminant d, List<Path> files) throws java.io.IOException {
        PredictionsNpz.Scores s = PredictionsNpz.readScores(source.scores, d);
        if (!Arrays.equals(s.truth(), sample.truthCodes())) {
            throw new IllegalArgumentException(source.scores + ": its truth codes (" + s.truth().length
                + " jets) are not those of " + (files.size() == 1 ? files.get(0) : files) + " (" + sample.jets()
                + " jets); make the predictions from the same test files");
        }
        return s.scores();
    }

    private <T> T parse(java.util.function.Supplier<T> value, String option) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
