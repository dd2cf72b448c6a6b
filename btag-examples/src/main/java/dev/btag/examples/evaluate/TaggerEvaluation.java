package dev.btag.examples.evaluate;

import ai.djl.translate.TranslateException;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.examples.train.TrainingRun;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.plot.ConfusionMatrixPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.OneHotLabels;
import dev.btag.metrics.selection.Selection;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPoints;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a saved tagger on a tutorial-layout test file, as the notebooks do with their second file; the work
 * behind {@code btag evaluate} and the tutorial.
 *
 * <p>Scores: the CMS discriminants from the six probabilities ({@code BvsAll = pb + pbb + plepb}, {@code BvsC},
 * {@code BvsL}). ROC comparisons, using the integer truth (column 50): b vs all (BvsAll; every other jet, undefined
 * included, is background), b vs c (BvsC; other flavours left out), b vs light+gluon (BvsL; c and undefined left
 * out), each with its AUC and loose/medium/tight working points. Confusion matrix: true class from the six one-hot
 * labels (undefined jets left out) against the most probable class, as counts and normalised per true class, plus
 * the coarse b/c/light/gluon version.
 *
 * <p>Outputs in the output directory: {@value #METRICS_FILE}, {@value #PREDICTIONS_FILE} (entries
 * {@code probabilities} (N, 6) float32, {@code truth} (N) int32, {@code BvsAll}, {@code BvsC}, {@code BvsL} (N)
 * float64), {@code roc.png}, {@code confusion.png} and {@code confusion-coarse.png}. Plots made from the synthetic
 * sample carry the subtitle "Synthetic sample — not CMS data", and metrics.json a {@code note} saying so.
 */
public final class TaggerEvaluation {

    /** The metrics file name. */
    public static final String METRICS_FILE = "metrics.json";
    /** The predictions file name. */
    public static final String PREDICTIONS_FILE = "predictions.npz";

    private TaggerEvaluation() {
    }

    /**
     * Resolves a model argument: a saved tagger file, or a training output directory holding
     * {@value TrainingRun#MODEL_FILE}.
     *
     * @param modelPath the file or directory
     * @return the tagger file
     * @throws IOException if neither exists (a {@code NoSuchFileException} naming the path)
     */
    public static Path modelFile(Path modelPath) throws IOException {
        Path file = Files.isDirectory(modelPath) ? modelPath.resolve(TrainingRun.MODEL_FILE) : modelPath;
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no saved tagger"
                + (Files.isDirectory(modelPath) ? " in this directory (expected " + TrainingRun.MODEL_FILE + ")" : ""));
        }
        return file;
    }

    /**
     * Evaluates the tagger and writes the outputs.
     *
     * @param modelPath a saved tagger or a training output directory
     * @param testFile the tutorial-layout test file
     * @param outDir the output directory (created if missing)
     * @return the measurements
     * @throws IOException if a file cannot be read or written
     * @throws TranslateException if the engine fails
     */
    public static EvaluationResult evaluate(Path modelPath, Path testFile, Path outDir)
            throws IOException, TranslateException {
        Path model = modelFile(modelPath);
        Files.createDirectories(outDir);
        Predictions predictions;
        int[] truth;
        float[] oneHot;
        boolean synthetic;
        String architecture;
        try (Tagger tagger = TaggerFile.load(model); TutorialFile file = TutorialFile.open(testFile);
             TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            architecture = tagger.spec().architecture().cliName();
            synthetic = file.isSynthetic();
            predictions = predictor.predict(file);
            truth = file.truthCodes();
            oneHot = file.oneHotLabels(0, file.jetCount());
        }
        float[] p = predictions.probabilities();
        double[] bVsAll = Discriminants.compute(Discriminant.B_VS_ALL, p);
        double[] bVsC = Discriminants.compute(Discriminant.B_VS_C, p);
        double[] bVsL = Discriminants.compute(Discriminant.B_VS_L, p);
        List<EvaluationResult.Comparison> rocs = List.of(
            compare("b vs all", "bVsAll", Discriminant.B_VS_ALL, bVsAll, FlavourSelection.B_VS_ALL, truth),
            compare("b vs c", "bVsC", Discriminant.B_VS_C, bVsC, FlavourSelection.B_VS_C, truth),
            compare("b vs light+gluon", "bVsLightGluon", Discriminant.B_VS_L, bVsL,
                FlavourSelection.B_VS_LIGHT_GLUON, truth));

        int[] classes = OneHotLabels.classIndices(oneHot, 6);
        int defined = 0;
        for (int c : classes) {
            defined += c >= 0 ? 1 : 0;
        }
        int[] trueClass = new int[defined];
        float[] definedP = new float[defined * 6];
        for (int i = 0, k = 0; i < classes.length; i++) {
            if (classes[i] >= 0) {
                trueClass[k] = classes[i];
                System.arraycopy(p, i * 6, definedP, k * 6, 6);
                k++;
            }
        }
        ConfusionMatrix confusion = ConfusionMatrix.fromProbabilities(ConfusionMatrix.SIX_CLASSES, trueClass,
            definedP);
        EvaluationResult result = new EvaluationResult(architecture, predictions.jets(), synthetic, rocs, confusion,
            outDir);

        try (NpzWriter npz = NpzWriter.create(outDir.resolve(PREDICTIONS_FILE), false)) {
            npz.write(Predictions.NPZ_ENTRY, p, predictions.jets(), 6);
            npz.write("truth", truth, truth.length);
            npz.write("BvsAll", bVsAll, bVsAll.length);
            npz.write("BvsC", bVsC, bVsC.length);
            npz.write("BvsL", bVsL, bVsL.length);
        }
        String subtitle = synthetic ? SyntheticSample.BANNER : null;
        RocPlot.Builder roc = RocPlot.builder().optTitle("ROC: " + architecture + " tagger");
        for (EvaluationResult.Comparison c : rocs) {
            roc.addCurve(c.name() + " (" + c.discriminant() + ")", c.roc());
        }
        if (subtitle != null) {
            roc.optSubtitle(subtitle);
        }
        roc.build().savePng(outDir.resolve("roc.png"));
        confusionPlot(confusion, "confusion matrix (" + architecture + "), normalised per true class", subtitle)
            .savePng(outDir.resolve("confusion.png"));
        confusionPlot(confusion.coarse(), "confusion matrix (" + architecture + "), b/c/light/gluon", subtitle)
            .savePng(outDir.resolve("confusion-coarse.png"));
        Files.writeString(outDir.resolve(METRICS_FILE), new GsonBuilder().setPrettyPrinting()
            .serializeSpecialFloatingPointValues().create().toJson(toJson(result, model, testFile)),
            StandardCharsets.UTF_8);
        return result;
    }

    private static ConfusionMatrixPlot confusionPlot(ConfusionMatrix m, String title, String subtitle) {
        ConfusionMatrixPlot.Builder b = ConfusionMatrixPlot.builder().optTitle(title)
            .matrix(m.normalized(Normalization.TRUE), m.classNames());
        if (subtitle != null) {
            b.optSubtitle(subtitle);
        }
        return b.build();
    }

    private static EvaluationResult.Comparison compare(String name, String key, Discriminant d, double[] score,
            FlavourSelection selection, int[] truth) {
        Selection s = selection.apply(truth);
        if (s.signalCount() == 0 || s.signalCount() == s.size()) {
            throw new IllegalArgumentException("the test file has " + s.signalCount() + " signal and "
                + (s.size() - s.signalCount()) + " background jets for " + name + "; a ROC curve needs both");
        }
        RocCurve roc = RocCurve.of(s.pick(score), s.signal());
        return new EvaluationResult.Comparison(name, key, d.cmsName(), roc, WorkingPoints.standard(roc));
    }

    /**
     * The metrics.json document of a result (strict JSON: a working point that no cut reaches, where nothing is
     * tagged, has {@code "threshold": null}).
     *
     * @param r the result
     * @param model the saved tagger file
     * @param testFile the test file
     * @return the JSON object
     */
    public static JsonObject toJson(EvaluationResult r, Path model, Path testFile) {
        JsonObject o = new JsonObject();
        o.addProperty("model", r.architecture());
        o.addProperty("modelFile", model.toString());
        o.addProperty("testFile", testFile.toString());
        o.addProperty("jets", r.jets());
        o.addProperty("synthetic", r.synthetic());
        if (r.synthetic()) {
            o.addProperty("note", SyntheticSample.BANNER);
        }
        JsonObject auc = new JsonObject();
        JsonArray rocs = new JsonArray();
        for (EvaluationResult.Comparison c : r.rocs()) {
            auc.addProperty(c.key(), c.roc().auc());
            JsonObject roc = new JsonObject();
            roc.addProperty("name", c.name());
            roc.addProperty("discriminant", c.discriminant());
            roc.addProperty("auc", c.roc().auc());
            roc.addProperty("signal", c.roc().signal().count());
            roc.addProperty("background", c.roc().background().count());
            JsonArray wps = new JsonArray();
            String[] names = {"loose", "medium", "tight"};
            for (int i = 0; i < c.workingPoints().size(); i++) {
                WorkingPoint wp = c.workingPoints().get(i);
                JsonObject w = new JsonObject();
                w.addProperty("name", names[i]);
                w.addProperty("mistag", wp.target());
                if (Double.isFinite(wp.threshold())) {
                    w.addProperty("threshold", wp.threshold());
                } else {
                    w.add("threshold", JsonNull.INSTANCE);
                }
                w.addProperty("efficiency", wp.efficiency());
                w.addProperty("efficiencyError", wp.efficiencyError());
                w.addProperty("achievedMistag", wp.mistag());
                wps.add(w);
            }
            roc.add("workingPoints", wps);
            rocs.add(roc);
        }
        o.add("auc", auc);
        o.add("rocs", rocs);
        o.add("confusion", confusionJson(r.confusion()));
        o.add("confusionCoarse", confusionJson(r.confusion().coarse()));
        return o;
    }

    private static JsonObject confusionJson(ConfusionMatrix m) {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        m.classNames().forEach(names::add);
        o.add("classes", names);
        JsonArray counts = new JsonArray();
        for (long[] row : m.counts()) {
            JsonArray a = new JsonArray();
            for (long v : row) {
                a.add(v);
            }
            counts.add(a);
        }
        o.add("counts", counts);
        JsonArray normalised = new JsonArray();
        for (double[] row : m.normalized(Normalization.TRUE)) {
            JsonArray a = new JsonArray();
            for (double v : row) {
                a.add(v);
            }
            normalised.add(a);
        }
        o.add("normalizedByTrueClass", normalised);
        o.addProperty("accuracy", m.accuracy());
        return o;
    }

    /**
     * The AUCs of a result as a short text, for the terminal.
     *
     * @param r the result
     * @return lines such as {@code b vs light+gluon (BvsL): AUC 0.912}
     */
    public static List<String> summary(EvaluationResult r) {
        List<String> lines = new ArrayList<>();
        for (EvaluationResult.Comparison c : r.rocs()) {
            WorkingPoint medium = c.workingPoints().get(1);
            lines.add(String.format("%s (%s): AUC %.4f, efficiency %.3f at %.1f%% mistag", c.name(), c.discriminant(),
                c.roc().auc(), medium.efficiency(), 100 * medium.target()));
        }
        lines.add(String.format("six-class accuracy (undefined jets left out): %.4f", r.confusion().accuracy()));
        return lines;
    }
}
