package dev.btag.metrics.comparison;

import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import java.util.List;
import java.util.Objects;

/**
 * One flavour comparison of a tagger: a signal/background selection over integer truth codes and the discriminant
 * that scores it. This record is immutable and replaces string keys and index switches: every result of a comparison
 * (ROC, AUC, working points) is keyed by the comparison itself.
 *
 * <p>The constants are the CMS comparisons: {@link #B_VS_ALL}, {@link #B_VS_C}, {@link #B_VS_LIGHT_GLUON} (b
 * tagging) and {@link #C_VS_LIGHT_GLUON}, {@link #C_VS_B} (c tagging). Jets whose truth code is neither signal nor
 * background are left out of a comparison (so b vs c ignores light, gluon and undefined jets); b vs all counts every
 * other jet, undefined ones included, as background.
 *
 * @param key a stable identifier for JSON and file names, for example {@code "bVsLightGluon"}
 * @param name a readable name for tables and plots, for example {@code "b vs light+gluon"}
 * @param discriminant the score, computed from the six class probabilities
 * @param selection which truth codes are signal and which background
 * @param signalName the signal flavour for axis titles, for example {@code "b"}
 * @param backgroundName the background flavours for axis titles, for example {@code "light+gluon"}
 */
public record FlavourComparison(String key, String name, Discriminant discriminant, FlavourSelection selection,
        String signalName, String backgroundName) {

    /** b jets against every other jet, scored by BvsAll (the tutorial's "b vs all"). */
    public static final FlavourComparison B_VS_ALL = new FlavourComparison("bVsAll", "b vs all",
        Discriminant.B_VS_ALL, FlavourSelection.B_VS_ALL, "b", "all non-b");
    /** b jets against c jets, scored by BvsC. */
    public static final FlavourComparison B_VS_C = new FlavourComparison("bVsC", "b vs c", Discriminant.B_VS_C,
        FlavourSelection.B_VS_C, "b", "c");
    /** b jets against light (uds) and gluon jets, scored by BvsL. */
    public static final FlavourComparison B_VS_LIGHT_GLUON = new FlavourComparison("bVsLightGluon",
        "b vs light+gluon", Discriminant.B_VS_L, FlavourSelection.B_VS_LIGHT_GLUON, "b", "light+gluon");
    /** c jets against light (uds) and gluon jets, scored by CvsL. */
    public static final FlavourComparison C_VS_LIGHT_GLUON = new FlavourComparison("cVsLightGluon",
        "c vs light+gluon", Discriminant.C_VS_L, FlavourSelection.C_VS_LIGHT_GLUON, "c", "light+gluon");
    /** c jets against b jets, scored by CvsB. */
    public static final FlavourComparison C_VS_B = new FlavourComparison("cVsB", "c vs b", Discriminant.C_VS_B,
        FlavourSelection.C_VS_B, "c", "b");

    /** The three b-tagging comparisons of the tutorial, in report order: b vs all, b vs c, b vs light+gluon. */
    public static final List<FlavourComparison> B_TAGGING = List.of(B_VS_ALL, B_VS_C, B_VS_LIGHT_GLUON);
    /** The two c-tagging comparisons: c vs light+gluon, c vs b. */
    public static final List<FlavourComparison> C_TAGGING = List.of(C_VS_LIGHT_GLUON, C_VS_B);
    /** Every comparison above: the b-tagging ones, then the c-tagging ones. */
    public static final List<FlavourComparison> ALL = List.of(B_VS_ALL, B_VS_C, B_VS_LIGHT_GLUON, C_VS_LIGHT_GLUON,
        C_VS_B);

    /**
     * Validates the components.
     *
     * @param key the key, not blank
     * @param name the name, not blank
     * @param discriminant the discriminant
     * @param selection the selection
     * @param signalName the signal flavour's name
     * @param backgroundName the background's name
     * @throws IllegalArgumentException for a blank key or name
     */
    public FlavourComparison {
        Objects.requireNonNull(discriminant, "discriminant");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(signalName, "signalName");
        Objects.requireNonNull(backgroundName, "backgroundName");
        if (key == null || key.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a flavour comparison needs a key and a name");
        }
    }

    /**
     * The discriminant of every jet.
     *
     * @param probabilities row-major N x 6 class probabilities (b, bb, leptonic b, c, uds, g)
     * @return N values of {@link #discriminant()}
     * @throws IllegalArgumentException as {@link Discriminants#compute(Discriminant, float[])}
     */
    public double[] score(float[] probabilities) {
        return Discriminants.compute(discriminant, probabilities);
    }

    /**
     * The jets that take part and which of them are signal.
     *
     * @param truthCodes one integer truth code per jet (b = 5, c = 4, light = 1, gluon = 21, undefined = 0)
     * @return the selection
     */
    public Selection select(int[] truthCodes) {
        return selection.apply(truthCodes);
    }

    /**
     * The ROC curve of per-jet scores, over the jets this comparison keeps.
     *
     * @param scores one score per jet (for example {@link #score(float[])}), all of them
     * @param truthCodes one truth code per jet
     * @return the curve
     * @throws IllegalArgumentException if the lengths differ, or the kept jets lack signal or background (the
     *     message names the comparison and both counts)
     */
    public RocCurve roc(double[] scores, int[] truthCodes) {
        if (scores.length != truthCodes.length) {
            throw new IllegalArgumentException(name + ": " + scores.length + " scores for " + truthCodes.length
                + " jets");
        }
        Selection s = select(truthCodes);
        if (s.signalCount() == 0 || s.signalCount() == s.size()) {
            throw new IllegalArgumentException("the sample has " + s.signalCount() + " signal and "
                + (s.size() - s.signalCount()) + " background jets for " + name + "; a ROC curve needs both");
        }
        return RocCurve.of(s.pick(scores), s.signal());
    }

    /**
     * The axis title of the efficiency, for example {@code "b-jet efficiency"}.
     *
     * @return the title
     */
    public String efficiencyTitle() {
        return signalName + "-jet efficiency";
    }

    /**
     * The axis title of the mistag rate, for example {@code "light+gluon mistag rate"}.
     *
     * @return the title
     */
    public String mistagTitle() {
        return backgroundName + " mistag rate";
    }

    /**
     * The name, for example {@code "b vs light+gluon"}.
     *
     * @return {@link #name()}
     */
    @Override
    public String toString() {
        return name;
    }
}
