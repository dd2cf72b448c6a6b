package dev.btag.examples.tutorial;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.examples.report.HtmlReport;
import dev.btag.io.AtomicOutput;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.plot.HeatMapPlot;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.EfficiencyMapJson;
import dev.btag.models.evaluate.EfficiencyMapOutputs;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationPlots;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.train.TrainingOutputs;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the tutorial's {@code report.html} and {@code summary.json} from a {@link TutorialResult}. */
final class TutorialReport {

    /** The input variables shown in the report itself; the full gallery is linked. */
    private static final List<String> KEY_INPUTS = List.of("jet_pt", "jet_eta", "nCpfcand", "nsv",
        "TagVarCSV_trackSip2dSigAboveCharm", "TagVarCSV_trackSip3dSigAboveCharm", "TagVarCSV_vertexCategory",
        "TagVarCSV_trackSumJetEtRatio");

    private TutorialReport() {
    }

    static void write(TutorialResult r, ComparisonPlots plots, Tutorial.Config config) throws IOException {
        report(r, plots, config).write(r.report());
        AtomicOutput.writeString(r.summary(), EvaluationJson.GSON.toJson(summary(r, config)) + "\n");
    }

    private static HtmlReport report(TutorialResult r, ComparisonPlots plots, Tutorial.Config config) {
        HtmlReport.Builder b = HtmlReport.builder("b-tagging in CMS: the tutorial on the JVM");
        if (r.synthetic()) {
            b.optBanner(SyntheticSample.BANNER + ": every number and plot here comes from btag's synthetic"
                + " CMS-like sample (docs/synthetic.md), not from CMS simulation.");
        }
        b.paragraph(String.format(Locale.ROOT, "Training %s: %s. Test %s: %s. Layout: %s. Device: %s. Up to %d"
            + " epochs, batch size %d, seed %d. Total time %.0f s.", r.trainFiles().size() == 1 ? "file" : "files",
            join(r.trainFiles()), r.testFiles().size() == 1 ? "file" : "files", join(r.testFiles()), r.layout(),
            r.device(),
            config.epochs(), config.batchSize(), config.seed(), r.seconds()));
        inputs(b, r);
        training(b, r);
        rocs(b, r, plots);
        workingPoints(b, r, plots);
        binned(b, r, plots);
        efficiencyMaps(b, r);
        calibration(b, r);
        b.section("Confusion matrices (normalised per true class)");
        List<HtmlReport.Image> confusion = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            Path eval = m.evaluationDirectory();
            boolean six = m.evaluation().groups() == null;
            confusion.add(new HtmlReport.Image(rel(r, eval.resolve(EvaluationPlots.CONFUSION)),
                m.architecture().cliName() + (six ? ": six classes" : ": the layout's classes")));
            if (six) {
                confusion.add(new HtmlReport.Image(rel(r, eval.resolve(EvaluationPlots.CONFUSION_COARSE)),
                    m.architecture().cliName() + ": b / c / light / gluon"));
            }
        }
        b.gallery(confusion);
        b.paragraph("Each tagger's metrics.json (identical to what btag evaluate writes, c-tagging comparisons"
            + " included) and predictions.npz are in models/<tagger>/eval/; summary.json holds every figure of"
            + " this page.");
        return b.build();
    }

    private static void inputs(HtmlReport.Builder b, TutorialResult r) {
        if (Layout.TUTORIAL.equals(r.layout())) {
            b.section("Inputs per flavour (notebooks 1 and 2)");
            b.paragraph("Normalised distributions for b, c, light and gluon jets (truth from column 50). A few key"
                + " variables are shown here; every variable of every array is in the full gallery.");
        } else {
            b.section("Inputs per class (notebooks 1 and 2)");
            b.paragraph("Normalised distributions of the layout's features and collection variables for each of its"
                + " declared classes (layout " + r.layout() + "); every variable is in the full gallery.");
        }
        b.link(rel(r, r.inputs().index()), "Full input-plot gallery (" + r.inputs().variables().size()
            + " variables)");
        List<HtmlReport.Image> inputImages = new ArrayList<>();
        for (Path image : r.inputs().images()) {
            String name = image.getFileName().toString();
            if (name.startsWith("roc_") || KEY_INPUTS.contains(name.replace(".png", ""))) {
                inputImages.add(new HtmlReport.Image(rel(r, image), name.replace(".png", "")));
            }
        }
        b.gallery(inputImages);
    }

    private static void training(HtmlReport.Builder b, TutorialResult r) {
        b.section("Taggers and training (notebooks 3 to 5, lecture)");
        List<List<String>> training = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            training.add(List.of(m.architecture().cliName(), Long.toString(m.kerasParameters()),
                Long.toString(m.parameters().total()), Long.toString(m.parameters().trainable()),
                Integer.toString(m.epochs()), Integer.toString(m.bestEpoch()),
                m.stopReason().name().toLowerCase(Locale.ROOT), String.format(Locale.ROOT, "%.1f", m.trainSeconds())));
        }
        b.table(List.of("tagger", "parameters (Keras)", "parameters (btag)", "trainable", "epochs",
            "best epoch", "stopped by", "training time [s]"), training);
        b.paragraph("Keras counts BatchNorm's moving mean and variance as (non-trainable) parameters; a PyTorch"
            + " LSTM or GRU has two bias vectors per gate where Keras has one, so btag's recurrent taggers have"
            + " 4 x 64 (LSTM) or 3 x 64 (GRU) more parameters than the notebooks report.");
        List<HtmlReport.Image> losses = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            losses.add(new HtmlReport.Image(rel(r, m.directory().resolve(TrainingOutputs.LOSS_PLOT)),
                m.architecture().cliName() + ": training and validation loss"));
        }
        b.gallery(losses);
    }

    private static void rocs(HtmlReport.Builder b, TutorialResult r, ComparisonPlots plots) {
        b.section("ROC curves on the test file");
        String bSum = Layout.TUTORIAL.equals(r.layout()) ? "pb + pbb + plepb"
            : "the summed probability of the layout's b classes";
        b.paragraph("b-jet efficiency on x, mistag rate on a log y axis. b vs all uses BvsAll = " + bSum + ";"
            + " b vs c uses BvsC with only b and c jets; b vs light+gluon uses BvsL with only b, light and gluon"
            + " jets. The best single input variable on the training file (" + r.singleVariable().name()
            + ") is the baseline.");
        List<HtmlReport.Image> rocs = new ArrayList<>();
        for (FlavourComparison c : FlavourComparison.B_TAGGING) {
            rocs.add(new HtmlReport.Image(rel(r, plots.rocs().get(c)), c.name()));
        }
        b.gallery(rocs);

        b.section("AUC");
        List<List<String>> aucs = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            List<String> row = new ArrayList<>(List.of(m.architecture().cliName()));
            for (FlavourComparison c : FlavourComparison.B_TAGGING) {
                var auc = m.evaluation().comparison(c).auc();
                row.add(String.format(Locale.ROOT, "%.4f \u00b1 %.4f", auc.auc(), auc.standardError()));
            }
            aucs.add(row);
        }
        List<String> singleRow = new ArrayList<>(List.of(r.singleVariable().name() + " (single variable)"));
        for (FlavourComparison c : FlavourComparison.B_TAGGING) {
            singleRow.add(String.format(Locale.ROOT, "%.4f", r.singleVariable().aucs().get(c)));
        }
        aucs.add(singleRow);
        List<String> header = new ArrayList<>(List.of("tagger"));
        FlavourComparison.B_TAGGING.forEach(c -> header.add("AUC " + c.name()));
        b.table(header, aucs);
        b.paragraph("Uncertainties are DeLong standard errors (statistical only).");
    }

    private static void workingPoints(HtmlReport.Builder b, TutorialResult r, ComparisonPlots plots) {
        b.section("Working points (b vs light+gluon, BvsL)");
        List<List<String>> wps = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            for (WorkingPoint wp : m.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).workingPoints()) {
                wps.add(List.of(m.architecture().cliName(), wp.name(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * wp.target()),
                    String.format(Locale.ROOT, "%.4g", wp.threshold()),
                    String.format(Locale.ROOT, "%.3f \u00b1 %.3f", wp.efficiency(), wp.efficiencyError()),
                    String.format(Locale.ROOT, "%.4f", wp.mistag())));
            }
        }
        b.table(List.of("tagger", "working point", "target mistag", "BvsL cut", "b efficiency", "achieved mistag"),
            wps);
        List<List<String>> fixedEfficiency = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            for (WorkingPoint wp : m.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON)
                    .efficiencyWorkingPoints()) {
                fixedEfficiency.add(List.of(m.architecture().cliName(), wp.name(),
                    String.format(Locale.ROOT, "%.4g", wp.threshold()),
                    String.format(Locale.ROOT, "%.3f", wp.efficiency()),
                    String.format(Locale.ROOT, "%.4f \u00b1 %.4f", wp.mistag(), wp.mistagError()),
                    String.format(Locale.ROOT, "%.1f", wp.rejection())));
            }
        }
        b.paragraph("The same comparison at fixed b-jet efficiency (60, 70, 77, 85%, as ATLAS quotes its working"
            + " points): the cut with the lowest mistag rate whose efficiency reaches the target.");
        b.table(List.of("tagger", "working point", "BvsL cut", "b efficiency", "light+gluon mistag",
            "light+gluon rejection"), fixedEfficiency);
    }

    /** Binned AUCs, efficiencies and mistag rates in pT and |eta|, and the ratio panels. */
    private static void binned(HtmlReport.Builder b, TutorialResult r, ComparisonPlots plots) {
        b.section("Performance in bins of jet pT and |\u03b7| (b vs light+gluon, BvsL)");
        b.paragraph("The working point is chosen on the whole test sample (as an analysis applies it) and its rates"
            + " are measured in each bin; each bin's AUC is that of its own jets, with DeLong's error. The last bin"
            + " takes every jet above its lower edge. Mistag rates are drawn on a log axis.");
        for (String variable : List.of(TaggerEvaluation.PT, TaggerEvaluation.ABS_ETA)) {
            BinnedPerformance first = r.models().get(0).evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON)
                .binned(variable);
            List<String> header = new ArrayList<>(List.of("tagger"));
            header.addAll(HeatMapPlot.binLabels(first.binning(), true).stream()
                .map(l -> (variable.equals(TaggerEvaluation.PT) ? "pT " + l + " GeV" : "|\u03b7| " + l)).toList());
            List<List<String>> rows = new ArrayList<>();
            for (TutorialResult.ModelRun m : r.models()) {
                BinnedPerformance bp = m.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).binned(variable);
                List<String> row = new ArrayList<>(List.of(m.architecture().cliName()));
                for (RocBin bin : bp.roc().bins()) {
                    row.add(bin.hasBothClasses() ? String.format(Locale.ROOT, "%.3f \u00b1 %.3f", bin.auc().auc(),
                        bin.auc().standardError()) : "\u2013");
                }
                rows.add(row);
            }
            b.paragraph("AUC per " + (variable.equals(TaggerEvaluation.PT) ? "jet-pT" : "jet-|\u03b7|") + " bin:");
            b.table(header, rows);
        }
        List<HtmlReport.Image> images = new ArrayList<>();
        addImage(images, r, plots.aucPt(), "b vs light+gluon AUC per pT bin");
        addImage(images, r, plots.aucAbsEta(), "b vs light+gluon AUC per |\u03b7| bin");
        addImage(images, r, plots.efficiency(), "b-jet efficiency vs pT (medium)");
        addImage(images, r, plots.mistag(), "light+gluon mistag vs pT (medium, log scale)");
        addImage(images, r, plots.efficiencyAbsEta(), "b-jet efficiency vs |\u03b7| (medium)");
        addImage(images, r, plots.mistagAbsEta(), "light+gluon mistag vs |\u03b7| (medium, log scale)");
        b.gallery(images);
        b.section("ROC comparisons with ratio panels");
        b.paragraph("Background rejection (1 / mistag) against the b-jet efficiency, over a panel with each tagger's"
            + " rejection divided by the " + r.models().get(0).architecture().cliName() + "'s. Bands are each"
            + " tagger's binomial uncertainty; the taggers share their jets, so the uncertainty of a ratio is"
            + " smaller than the bands suggest.");
        List<HtmlReport.Image> ratios = new ArrayList<>();
        for (FlavourComparison c : FlavourComparison.B_TAGGING) {
            ratios.add(new HtmlReport.Image(rel(r, plots.ratios().get(c)), c.name() + ": rejection and ratio"));
        }
        b.gallery(ratios);
    }

    private static void addImage(List<HtmlReport.Image> images, TutorialResult r, Path file, String caption) {
        if (file != null) {
            images.add(new HtmlReport.Image(rel(r, file), caption));
        }
    }

    /** The tagger with the highest b-vs-light+gluon AUC. */
    static TutorialResult.ModelRun best(TutorialResult r) {
        TutorialResult.ModelRun best = r.models().get(0);
        for (TutorialResult.ModelRun m : r.models()) {
            if (auc(m) > auc(best)) {
                best = m;
            }
        }
        return best;
    }

    private static double auc(TutorialResult.ModelRun m) {
        return m.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
    }

    private static void efficiencyMaps(HtmlReport.Builder b, TutorialResult r) {
        TutorialResult.ModelRun best = best(r);
        EfficiencyMaps maps = best.evaluation().efficiencyMaps();
        if (maps == null) {
            return;
        }
        String reference = best.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).reference().name();
        b.section("Efficiency maps of the best tagger (" + best.architecture().cliName() + ", BvsL " + reference + ")");
        b.paragraph(String.format(Locale.ROOT, "The %s tagger has the highest b vs light+gluon AUC (%.4f)."
            + " Its b, c and light (udsg) efficiencies at the %s working point in bins of jet pT and |\u03b7|, as the"
            + " scale-factor method of an analysis multiplies them into event weights; every working point's maps"
            + " (loose, medium, tight and 60/70/77/85%% efficiency) are in its efficiency_map.json, .csv and .npz,"
            + " which btag efficiency-map writes too. Each cell's 68.3%% Clopper\u2013Pearson interval is in the"
            + " files.", best.architecture().cliName(), auc(best), reference));
        List<HtmlReport.Image> images = new ArrayList<>();
        for (FlavourGroup g : FlavourGroup.STANDARD) {
            Path file = best.evaluationDirectory().resolve(EfficiencyMapOutputs.plotName(g, reference));
            if (Files.exists(file)) {
                images.add(new HtmlReport.Image(rel(r, file), g.name() + "-jet efficiency (" + reference + ")"));
            }
        }
        b.gallery(images);
        b.link(rel(r, best.evaluationDirectory().resolve(EfficiencyMapJson.FILE)), "efficiency_map.json of the "
            + best.architecture().cliName() + " tagger");
    }

    private static void calibration(HtmlReport.Builder b, TutorialResult r) {
        b.section("Calibration of the class probabilities");
        b.paragraph("Reliability diagrams: in ten bins of each class's predicted probability, the observed fraction of"
            + " jets of that class (undefined jets left out) against the mean prediction; on the diagonal a score"
            + " can be read as a probability. ECE is the expected calibration error: the jet-weighted mean distance"
            + " from the diagonal.");
        List<String> header = new ArrayList<>(List.of("tagger"));
        r.models().get(0).evaluation().calibration().forEach(d -> header.add("ECE " + d.name()));
        List<List<String>> rows = new ArrayList<>();
        List<HtmlReport.Image> images = new ArrayList<>();
        for (TutorialResult.ModelRun m : r.models()) {
            List<String> row = new ArrayList<>(List.of(m.architecture().cliName()));
            for (ReliabilityDiagram d : m.evaluation().calibration()) {
                row.add(String.format(Locale.ROOT, "%.4f", d.expectedCalibrationError()));
            }
            if (row.size() == header.size()) {
                rows.add(row);
            }
            Path file = m.evaluationDirectory().resolve(EvaluationPlots.RELIABILITY);
            if (Files.exists(file)) {
                images.add(new HtmlReport.Image(rel(r, file), m.architecture().cliName() + ": reliability"));
            }
        }
        b.table(header, rows);
        b.gallery(images);
    }

    private static String join(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }

    private static JsonObject summary(TutorialResult r, Tutorial.Config config) {
        JsonObject o = new JsonObject();
        o.addProperty("synthetic", r.synthetic());
        if (r.synthetic()) {
            o.addProperty("note", SyntheticSample.BANNER);
        }
        o.addProperty("trainFile", r.trainFile().toString());
        o.addProperty("testFile", r.testFile().toString());
        JsonArray trainFiles = new JsonArray();
        r.trainFiles().forEach(f -> trainFiles.add(f.toString()));
        JsonArray testFiles = new JsonArray();
        r.testFiles().forEach(f -> testFiles.add(f.toString()));
        o.add("trainFiles", trainFiles);
        o.add("testFiles", testFiles);
        o.addProperty("layout", r.layout());
        o.addProperty("device", r.device());
        o.addProperty("maxEpochs", config.epochs());
        o.addProperty("batchSize", config.batchSize());
        o.addProperty("seed", config.seed());
        o.addProperty("seconds", r.seconds());
        JsonObject single = new JsonObject();
        single.addProperty("variable", r.singleVariable().name());
        single.addProperty("chosenOn", "training file");
        JsonObject singleAuc = new JsonObject();
        FlavourComparison.B_TAGGING.forEach(c -> singleAuc.addProperty(c.key(), r.singleVariable().aucs().get(c)));
        single.add("auc", singleAuc);
        o.add("singleVariable", single);
        JsonArray models = new JsonArray();
        for (TutorialResult.ModelRun m : r.models()) {
            JsonObject model = new JsonObject();
            model.addProperty("model", m.architecture().cliName());
            model.addProperty("kerasParameters", m.kerasParameters());
            model.addProperty("parameters", m.parameters().total());
            model.addProperty("trainableParameters", m.parameters().trainable());
            model.addProperty("trainSeconds", m.trainSeconds());
            model.addProperty("epochs", m.epochs());
            model.addProperty("bestEpoch", m.bestEpoch());
            model.addProperty("stopReason", m.stopReason().name());
            JsonObject metrics = EvaluationJson.toJson(m.evaluation(),
                m.directory().resolve(TrainingRun.MODEL_FILE));
            JsonObject errors = new JsonObject();
            for (var c : m.evaluation().comparisons()) {
                errors.add(c.comparison().key(), EvaluationJson.number(c.auc().standardError()));
            }
            model.add("auc", metrics.get("auc"));
            model.add("aucError", errors);
            model.add("rocs", metrics.get("rocs"));
            model.add("confusion", metrics.get("confusion"));
            model.add("confusionCoarse", metrics.get("confusionCoarse"));
            if (metrics.has("calibration")) {
                model.add("calibration", metrics.get("calibration"));
            }
            models.add(model);
        }
        o.add("models", models);
        o.addProperty("bestTagger", best(r).architecture().cliName());
        o.addProperty("bestTaggerChosenBy", "highest b vs light+gluon AUC on the test file");
        return o;
    }

    private static String rel(TutorialResult r, Path file) {
        return r.outDir().toAbsolutePath().relativize(file.toAbsolutePath()).toString().replace('\\', '/');
    }
}
