package dev.btag.examples.weights;

import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.ClassWeights;
import dev.btag.data.weight.KinematicReweighter;
import dev.btag.data.weight.KinematicVariable;
import dev.btag.data.weight.WeightInputs;
import dev.btag.data.weight.Weighting;
import dev.btag.io.AtomicOutput;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The same tagger trained three times on one file, {@value #PLAIN} (no weights), {@value #BALANCED} (class weights
 * only: every class the same total) and {@value #REWEIGHTED} (pT/|η| reweighting to the b class with DeepJet's
 * binning, which also gives every class about the b class's total), evaluated on the test file: overlaid ROC curves
 * (b vs light+gluon, b vs c), the b-jet efficiency and the light+gluon mistag rate versus jet pT at the medium working
 * point of each tagger, and {@value #JSON} with the figures. Balanced and reweighted differ only in the spectra, so
 * their difference is what the pT/|η| reweighting itself does. Each tagger is also evaluated with the test jets
 * weighted to the b spectrum (a phase space in which pT and |η| say nothing about the flavour), which shows how much of
 * a tagger's separation came from the spectra.
 *
 * <pre>
 * java -cp btag-examples/target/btag.jar dev.btag.examples.weights.ReweightingComparison \
 *     --train data/synthetic_0_20000.npz --test data/synthetic_20000_40000.npz --model dnn --epochs 10 --out cmp
 * </pre>
 *
 * <p>Outputs in {@code OUT}: {@code plain/}, {@code balanced/} and {@code reweighted/} (each a {@code btag train}
 * output directory
 * with {@code eval/} from {@code btag evaluate}), {@value #ROC_PLOT}, {@value #EFFICIENCY_PLOT},
 * {@value #MISTAG_PLOT} and {@value #JSON}. Every file is written to a temporary name and renamed.
 */
public final class ReweightingComparison {

    /** The ROC overlay. */
    public static final String ROC_PLOT = "roc_plain_vs_reweighted.png";
    /** The b-efficiency-versus-pT overlay. */
    public static final String EFFICIENCY_PLOT = "b_efficiency_vs_pt.png";
    /** The light+gluon-mistag-versus-pT overlay. */
    public static final String MISTAG_PLOT = "mistag_vs_pt.png";
    /** The figures as JSON. */
    public static final String JSON = "comparison.json";
    /** The unweighted variant. */
    public static final String PLAIN = "plain";
    /** The class-balanced variant. */
    public static final String BALANCED = "balanced";
    /** The variant reweighted to b. */
    public static final String REWEIGHTED = "reweighted";
    /** The variants in order. */
    public static final List<String> VARIANTS = List.of(PLAIN, BALANCED, REWEIGHTED);

    private ReweightingComparison() {
    }

    /** The command-line options. */
    public static final class Options {
        @Option(names = "--train", required = true, description = "Training file (tutorial layout).")
        Path train;

        @Option(names = "--test", required = true, description = "Test file (tutorial layout).")
        Path test;

        @Option(names = "--out", required = true, description = "Output directory.")
        Path out;

        @Option(names = "--model", defaultValue = "dnn", description = "dnn, cnn1x1, lstm or gru (default dnn).")
        String model;

        @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs (default 10).")
        int epochs;

        @Option(names = "--batch-size", defaultValue = "512", description = "Batch size (default 512).")
        int batchSize;

        @Option(names = "--seed", defaultValue = "42", description = "Training seed (default 42).")
        long seed;

        @Option(names = "--reuse-models", description = "Evaluate the taggers an earlier run left in OUT"
            + " (OUT/<variant>/model.btag) instead of training them again, for example on another test file.")
        boolean reuseModels;
    }

    /**
     * The evaluations of each variant, on the test file and with the test jets weighted to the b spectrum.
     *
     * @param onTest variant name to its evaluation on the test file
     * @param onBSpectrum variant name to its evaluation with the test jets weighted to the b spectrum
     */
    public record Result(Map<String, Evaluation> onTest, Map<String, Evaluation> onBSpectrum) {
    }

    /**
     * Trains, evaluates and writes the comparison.
     *
     * @param o the options
     * @return the evaluations
     * @throws IOException if a file cannot be read or written
     * @throws TranslateException if the engine fails on a batch
     */
    public static Result run(Options o) throws IOException, TranslateException {
        Files.createDirectories(o.out);
        double[] testWeights = bSpectrumWeights(o.test);
        Map<String, Evaluation> onTest = new LinkedHashMap<>();
        Map<String, Evaluation> onB = new LinkedHashMap<>();
        for (String name : VARIANTS) {
            Weighting w = switch (name) {
                case PLAIN -> Weighting.none();
                case BALANCED -> Weighting.builder().optClassWeights(ClassWeights.balanced()).build();
                default -> Weighting.builder().optReweighter(KinematicReweighter.deepJet()).build();
            };
            Evaluation[] e = trainAndEvaluate(o, name, w, testWeights);
            onTest.put(name, e[0]);
            onB.put(name, e[1]);
        }
        Result r = new Result(Collections.unmodifiableMap(onTest), Collections.unmodifiableMap(onB));
        write(o.out, r);
        return r;
    }

    /** Weights of the test jets that give every class the b class's pT/|η| histogram. */
    private static double[] bSpectrumWeights(Path test) throws IOException {
        try (TutorialFile file = TutorialFile.open(test)) {
            float[] w = KinematicReweighter.deepJet().reweight(WeightInputs.read(file, KinematicVariable.DEFAULT))
                .weights();
            double[] d = new double[w.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = w[i];
            }
            return d;
        }
    }

    private static Evaluation[] trainAndEvaluate(Options o, String name, Weighting weighting, double[] testWeights)
            throws IOException, TranslateException {
        Path dir = o.out.resolve(name);
        Path model = dir.resolve(TrainingRun.MODEL_FILE);
        if (!o.reuseModels) {
            try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.fromCliName(o.model))
                    .setTrainFile(o.train).optOutputDir(dir).optEpochs(o.epochs).optBatchSize(o.batchSize)
                    .optSeed(o.seed).optWeighting(weighting).optLog(line -> System.err.println(name + ": " + line))
                    .build().run()) {
                model = trained.modelFile().orElseThrow();
            }
        }
        try (Tagger tagger = TaggerFile.load(model); TutorialFile test = TutorialFile.open(o.test)) {
            Evaluation e = TaggerEvaluation.standard().evaluate(tagger, test);
            EvaluationOutputs.writeAll(e, model, dir.resolve("eval"));
            Evaluation weighted = TaggerEvaluation.standard().evaluate(tagger, test, testWeights);
            return new Evaluation[] {e, weighted};
        }
    }

    private static void write(Path out, Result r) throws IOException {
        boolean synthetic = r.onTest().get(PLAIN).synthetic();
        RocPlot.Builder roc = RocPlot.builder().optTitle("b vs light+gluon and b vs c");
        EfficiencyPlot.Builder eff = EfficiencyPlot.builder().optTitle("b-jet efficiency at the medium working point")
            .optAxisTitles("jet pT [GeV]", "b-jet efficiency");
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder()
            .optTitle("light+gluon mistag rate at the medium working point")
            .optAxisTitles("jet pT [GeV]", "light+gluon mistag rate");
        for (String name : VARIANTS) {
            Evaluation e = r.onTest().get(name);
            roc.addCurve(name + ", b vs l+g", e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).roc());
            roc.addCurve(name + ", b vs c", e.comparison(FlavourComparison.B_VS_C).roc());
            eff.addSeries(name, e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).efficiencyVsPt());
            mistag.addSeries(name, e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).mistagVsPt());
        }
        if (synthetic) {
            roc.optSubtitle(SyntheticSample.BANNER);
            eff.optSubtitle(SyntheticSample.BANNER);
            mistag.optSubtitle(SyntheticSample.BANNER);
        }
        roc.build().savePng(out.resolve(ROC_PLOT));
        eff.build().savePng(out.resolve(EFFICIENCY_PLOT));
        mistag.build().savePng(out.resolve(MISTAG_PLOT));
        JsonObject json = new JsonObject();
        for (String name : VARIANTS) {
            json.add(name, summary(r.onTest().get(name), r.onBSpectrum().get(name)));
        }
        byte[] bytes = (EvaluationJson.GSON.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(out.resolve(JSON), stream -> stream.write(bytes));
    }

    private static JsonObject summary(Evaluation e, Evaluation onBSpectrum) {
        JsonObject o = new JsonObject();
        for (FlavourComparison c : FlavourComparison.B_TAGGING) {
            ComparisonResult r = e.comparison(c);
            JsonObject one = new JsonObject();
            one.addProperty("auc", r.auc().auc());
            one.addProperty("aucError", r.auc().standardError());
            one.addProperty("aucTestWeightedToB", onBSpectrum.comparison(c).auc().auc());
            WorkingPoint medium = r.workingPoint("medium");
            one.addProperty("mediumThreshold", medium.threshold());
            one.addProperty("mediumEfficiency", medium.efficiency());
            one.add("ptEdges", array(r.efficiencyVsPt().binning().edges()));
            one.add("efficiencyVsPt", array(r.efficiencyVsPt().efficiency()));
            one.add("mistagVsPt", array(r.mistagVsPt().efficiency()));
            one.add("efficiencyVsPtTestWeightedToB", array(onBSpectrum.comparison(c).efficiencyVsPt().efficiency()));
            o.add(c.key(), one);
        }
        return o;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(EvaluationJson.number(v));
        }
        return a;
    }

    /**
     * Command-line entry point; prints the AUCs and the medium working point of both taggers.
     *
     * @param args the options of {@link Options}
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        Options o = new Options();
        new CommandLine(o).parseArgs(args);
        Result r = run(o);
        for (String name : VARIANTS) {
            Evaluation e = r.onTest().get(name);
            Evaluation w = r.onBSpectrum().get(name);
            ComparisonResult bl = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON);
            BinnedEfficiency eff = bl.efficiencyVsPt();
            System.out.printf(Locale.ROOT, "%-10s AUC(b vs l+g) %.4f (test weighted to b: %.4f), AUC(b vs c) %.4f,"
                    + " b-eff at medium %.3f; per pT bin %s%n", name, bl.auc().auc(),
                w.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc(),
                e.comparison(FlavourComparison.B_VS_C).auc().auc(), bl.workingPoint("medium").efficiency(),
                java.util.Arrays.toString(eff.efficiency()));
        }
        System.out.println("wrote " + o.out.resolve(JSON) + ", " + ROC_PLOT + ", " + EFFICIENCY_PLOT + ", "
            + MISTAG_PLOT);
    }
}
