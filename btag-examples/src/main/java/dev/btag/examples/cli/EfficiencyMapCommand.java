package dev.btag.examples.cli;

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
import dev.btag.models.evaluate.PredictionsNpz;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@link EfficiencyMapEvaluation} and {@link EfficiencyMapOutputs}. The test files are read with the tutorial reader
 * when there is one tutorial-layout file, else through the layout ({@link TestSample#read(List, Layout)}), which must
 * declare the jet pT and eta.
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
        description = "The test files or quoted globs (npz or HDF5), mapped as one sample: truth, jet pT and |eta|.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the test files: 'tutorial' or a"
        + " layout file declaring kinematics.pt and kinematics.eta (default: the layout saved with the tagger, else"
        + " the tutorial's).")
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

    @Override
    public Integer call() throws Exception {
        Discriminant d = parse(() -> Discriminant.fromCmsName(discriminant), "--discriminant");
        Binning pt = ptEdges == null ? TaggerEvaluation.DEFAULT_PT_BINS : parse(() -> Binning.of(ptEdges),
            "--pt-edges");
        Binning absEta = absEtaEdges == null ? TaggerEvaluation.DEFAULT_ABS_ETA_BINS
            : parse(() -> Binning.of(absEtaEdges), "--abseta-edges");
        List<Path> files = FileSet.expand(test).files();
        Layout given = layout == null ? null : Layout.resolve(layout);
        TestSample sample;
        double[] scores;
        if (source.model != null) {
            try (Tagger tagger = TaggerFile.load(TrainingRun.modelFile(source.model))) {
                Layout readWith = given != null ? given
                    : tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
                if (isTutorialFile(files, readWith)) {
                    try (TutorialFile file = TutorialFile.open(files.get(0))) {
                        sample = TestSample.read(file);
                        scores = predict(tagger, file, d);
                    }
                } else {
                    sample = TestSample.read(files, requireKinematics(readWith));
                    scores = EfficiencyMapEvaluation.scores(tagger, d, files, readWith);
                }
            }
        } else {
            Layout readWith = given != null ? given : Layout.tutorial();
            if (isTutorialFile(files, readWith)) {
                try (TutorialFile file = TutorialFile.open(files.get(0))) {
                    sample = TestSample.read(file);
                }
            } else {
                sample = TestSample.read(files, requireKinematics(readWith));
            }
            scores = read(sample, d, files);
        }
        EfficiencyMaps maps = EfficiencyMapEvaluation.of(d, scores, sample, pt, absEta);
        List<Path> plots = EfficiencyMapOutputs.writeAll(maps, sample.synthetic(), out, null);
        PrintWriter o = spec.commandLine().getOut();
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

    /** One file read with the tutorial layout takes the tutorial reader (truth codes of column 50, gluon 21). */
    private static boolean isTutorialFile(List<Path> files, Layout readWith) {
        return files.size() == 1 && readWith.isTutorial();
    }

    private Layout requireKinematics(Layout readWith) {
        if (readWith.kinematics().ptField().isEmpty() || readWith.kinematics().etaField().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--layout: " + readWith.source()
                + ": kinematics: efficiency maps need kinematics.pt and kinematics.eta; the layout declares "
                + readWith.kinematics().ptField().map(f -> "pt: " + f).orElse("no pt") + " and "
                + readWith.kinematics().etaField().map(f -> "eta: " + f).orElse("no eta"));
        }
        return readWith;
    }

    private static double[] predict(Tagger tagger, TutorialFile file, Discriminant d) throws Exception {
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            return Discriminants.compute(d, predictor.predict(file).probabilities());
        }
    }

    private double[] read(TestSample sample, Discriminant d, List<Path> files) throws java.io.IOException {
        PredictionsNpz.Scores s = PredictionsNpz.readScores(source.scores, d);
        if (!Arrays.equals(s.truth(), sample.truthCodes())) {
            throw new IllegalArgumentException(source.scores + ": its truth codes (" + s.truth().length
                + " jets) are not those of " + (files.size() == 1 ? files.get(0) : files.size() + " test files")
                + " (" + sample.jets() + " jets); make the predictions from the same test files and layout");
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
