package dev.btag.models.evaluate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code metrics.json} document of an {@link Evaluation}: strict JSON (no NaN or infinity: a value that is not
 * finite, such as the threshold of a working point that tags nothing, is {@code null}).
 *
 * <p>Keys: {@code model}, {@code modelFile}, {@code testFile}, {@code jets}, {@code synthetic} (and {@code note}
 * when true); {@code auc} (comparison key to AUC); {@code rocs}, one object per comparison with {@code key},
 * {@code name}, {@code discriminant}, {@code auc}, {@code aucError} (DeLong), {@code signal}, {@code background}
 * (jet counts), {@code workingPoints} (fixed mistag: {@code name}, {@code mistag} (the target), {@code threshold},
 * {@code efficiency}, {@code efficiencyError}, {@code achievedMistag}, {@code mistagError}, {@code rejection}),
 * {@code efficiencyWorkingPoints} (fixed efficiency: {@code name}, {@code targetEfficiency}, {@code threshold},
 * {@code efficiency}, {@code efficiencyError}, {@code mistag}, {@code mistagError}, {@code rejection}) and
 * {@code binned} (at the reference working point {@code workingPoint}: {@code ptEdges} in GeV, {@code efficiency}
 * and {@code mistag} with {@code lower}/{@code upper} Clopper-Pearson bounds and jet counts per bin);
 * {@code confusion} and {@code confusionCoarse} ({@code classes}, {@code counts}, {@code normalizedByTrueClass},
 * {@code accuracy}; a tagger of a layout's classes has {@code confusion} over those classes and no
 * {@code confusionCoarse}).
 *
 * <p>Added keys (the ones above keep their names and meaning): {@code weighted} (whether the jets carried weights;
 * where they came from is added by {@link EvaluationWeights#describe});
 * per comparison {@code binnedPerformance}, one object per binned variable ({@code variable} {@code "pt"} or
 * {@code "absEta"}, {@code edges}, {@code lastBinTakesOverflow}, per bin {@code auc}, {@code aucError},
 * {@code signal} and {@code background} jet counts, and {@code workingPoints}: per working point {@code name},
 * {@code threshold}, {@code efficiency} and {@code mistag} each with {@code value}, {@code lower}, {@code upper},
 * {@code jets}); {@code calibration} ({@code bins}, and per class {@code name}, {@code ece}, {@code mce},
 * {@code meanPredicted}, {@code observed}, {@code lower}, {@code upper}, {@code jets}); and {@code efficiencyMap},
 * the document of {@link EfficiencyMapJson}.
 */
public final class EvaluationJson {

    /**
     * Gson for btag's JSON outputs: pretty-printed, {@code null} values kept (this class writes non-finite numbers as
     * {@code null}).
     */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private EvaluationJson() {
    }

    /**
     * The document of an evaluation.
     *
     * @param e the evaluation
     * @param modelFile the tagger's file, or {@code null} when it has none
     * @return the JSON object
     */
    public static JsonObject toJson(Evaluation e, Path modelFile) {
        JsonObject o = new JsonObject();
        o.addProperty("model", e.tagger());
        o.addProperty("modelFile", modelFile == null ? null : modelFile.toString());
        Path source = e.sample().source();
        o.addProperty("testFile", source == null ? null : source.toString());
        o.addProperty("jets", e.jets());
        o.addProperty("synthetic", e.synthetic());
        if (e.synthetic()) {
            o.addProperty("note", SyntheticSample.BANNER);
        }
        JsonObject auc = new JsonObject();
        JsonArray rocs = new JsonArray();
        for (ComparisonResult c : e.comparisons()) {
            auc.add(c.comparison().key(), number(c.auc().auc()));
            rocs.add(comparison(c));
        }
        o.add("auc", auc);
        o.add("rocs", rocs);
        o.add("confusion", confusion(e.confusion()));
        if (e.groups() == null) {
            o.add("confusionCoarse", confusion(e.confusion().coarse()));
        }
        o.addProperty("weighted", e.sample().weighted());
        if (!e.calibration().isEmpty()) {
            o.add("calibration", calibration(e.calibration()));
        }
        if (e.efficiencyMaps() != null) {
            o.add("efficiencyMap", EfficiencyMapJson.toJson(e.efficiencyMaps(), e.synthetic()));
        }
        return o;
    }

    /**
     * The document of the reliability diagrams, as {@code calibration} holds it.
     *
     * @param diagrams one diagram per class, at least one
     * @return {@code bins}, and per class its name, ECE, MCE, mean prediction, observed fraction, interval and jets
     */
    public static JsonObject calibration(List<ReliabilityDiagram> diagrams) {
        JsonObject o = new JsonObject();
        o.addProperty("bins", diagrams.get(0).binning().bins());
        JsonArray classes = new JsonArray();
        for (ReliabilityDiagram d : diagrams) {
            JsonObject c = new JsonObject();
            c.addProperty("name", d.name());
            c.add("ece", number(d.expectedCalibrationError()));
            c.add("mce", number(d.maxCalibrationError()));
            c.add("meanPredicted", array(d.meanPredicted()));
            c.add("observed", array(d.observed()));
            c.add("lower", array(d.lower()));
            c.add("upper", array(d.upper()));
            c.add("jets", EfficiencyMapJson.numbers(d.count()));
            classes.add(c);
        }
        o.add("classes", classes);
        return o;
    }

    private static JsonArray binnedPerformance(List<BinnedPerformance> binned) {
        JsonArray a = new JsonArray();
        for (BinnedPerformance b : binned) {
            JsonObject o = new JsonObject();
            o.addProperty("variable", b.variable());
            o.add("edges", EfficiencyMapJson.numbers(b.binning().edges()));
            o.addProperty("lastBinTakesOverflow", b.roc().overflow() == Overflow.LAST_BIN);
            o.add("auc", array(b.roc().auc()));
            o.add("aucError", array(b.roc().aucError()));
            JsonArray signal = new JsonArray();
            JsonArray background = new JsonArray();
            for (RocBin bin : b.roc().bins()) {
                signal.add(bin.signal().count());
                background.add(bin.background().count());
            }
            o.add("signal", signal);
            o.add("background", background);
            JsonArray points = new JsonArray();
            for (WorkingPointRates r : b.workingPoints()) {
                JsonObject w = new JsonObject();
                w.addProperty("name", r.workingPoint().name());
                w.add("threshold", number(r.workingPoint().threshold()));
                w.add("efficiency", binned(r.efficiency()));
                w.add("mistag", binned(r.mistag()));
                points.add(w);
            }
            o.add("workingPoints", points);
            a.add(o);
        }
        return a;
    }

    /**
     * The document of one comparison, as it appears in {@code rocs} (also written by the Spark evaluation).
     *
     * @param c the comparison's result
     * @return {@code key}, {@code name}, {@code discriminant}, {@code auc}, {@code aucError}, {@code signal},
     *     {@code background}, {@code workingPoints}, {@code efficiencyWorkingPoints}, {@code binned},
     *     {@code binnedPerformance}
     */
    public static JsonObject comparison(ComparisonResult c) {
        JsonObject roc = new JsonObject();
        roc.addProperty("key", c.comparison().key());
        roc.addProperty("name", c.comparison().name());
        roc.addProperty("discriminant", c.comparison().discriminant().cmsName());
        roc.add("auc", number(c.auc().auc()));
        roc.add("aucError", number(c.auc().standardError()));
        roc.addProperty("signal", c.roc().signal().count());
        roc.addProperty("background", c.roc().background().count());
        roc.add("workingPoints", points(c.workingPoints(), true));
        roc.add("efficiencyWorkingPoints", points(c.efficiencyWorkingPoints(), false));
        JsonObject binned = new JsonObject();
        binned.addProperty("workingPoint", c.reference().name());
        binned.add("ptEdges", array(c.efficiencyVsPt().binning().edges()));
        binned.add("efficiency", binned(c.efficiencyVsPt()));
        binned.add("mistag", binned(c.mistagVsPt()));
        roc.add("binned", binned);
        roc.add("binnedPerformance", binnedPerformance(c.binned()));
        return roc;
    }

    private static JsonArray points(List<WorkingPoint> points, boolean fixedMistag) {
        JsonArray a = new JsonArray();
        for (WorkingPoint wp : points) {
            JsonObject w = new JsonObject();
            w.addProperty("name", wp.name());
            w.addProperty(fixedMistag ? "mistag" : "targetEfficiency", wp.target());
            w.add("threshold", number(wp.threshold()));
            w.add("efficiency", number(wp.efficiency()));
            w.add("efficiencyError", number(wp.efficiencyError()));
            w.add(fixedMistag ? "achievedMistag" : "mistag", number(wp.mistag()));
            w.add("mistagError", number(wp.mistagError()));
            w.add("rejection", number(wp.rejection()));
            a.add(w);
        }
        return a;
    }

    private static JsonObject binned(BinnedEfficiency b) {
        JsonObject o = new JsonObject();
        o.add("value", array(b.efficiency()));
        o.add("lower", array(b.lower()));
        o.add("upper", array(b.upper()));
        o.add("jets", array(b.total()));
        return o;
    }

    /**
     * The document of a confusion matrix, as {@code confusion} holds it.
     *
     * @param m the matrix
     * @return its class names, counts and normalised rows
     */
    public static JsonObject confusion(ConfusionMatrix m) {
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
            normalised.add(array(row));
        }
        o.add("normalizedByTrueClass", normalised);
        o.add("accuracy", number(m.accuracy()));
        return o;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(number(v));
        }
        return a;
    }

    /**
     * A number, or JSON {@code null} when it is not finite (strict JSON has no NaN or infinity).
     *
     * @param value the value
     * @return the JSON element
     */
    public static com.google.gson.JsonElement number(double value) {
        return Double.isFinite(value) ? new com.google.gson.JsonPrimitive(value) : JsonNull.INSTANCE;
    }
}
