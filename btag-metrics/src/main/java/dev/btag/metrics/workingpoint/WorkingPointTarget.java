package dev.btag.metrics.workingpoint;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a working point is chosen for: a name, the rate that is fixed ({@link Criterion}) and its value. This record
 * is immutable.
 *
 * <p>CMS quotes its b-tagging working points at a fixed light-jet mistag rate ({@link #LOOSE}, {@link #MEDIUM},
 * {@link #TIGHT}: 10%, 1%, 0.1%); ATLAS quotes them at a fixed b-jet efficiency ({@link #FIXED_EFFICIENCIES}: 60%,
 * 70%, 77%, 85%). {@link WorkingPoints#at(dev.btag.metrics.roc.RocCurve, WorkingPointTarget)} reads either kind off a
 * ROC curve.
 *
 * @param name a short name for tables, plots and JSON, for example {@code "medium"} or {@code "70%"}
 * @param criterion which rate is fixed
 * @param value the fixed rate, in [0, 1]
 */
public record WorkingPointTarget(String name, Criterion criterion, double value) {

    /** Which rate a working point fixes. */
    public enum Criterion {
        /** The background (mistag) rate may not exceed the value; the efficiency is as high as possible. */
        MISTAG,
        /** The signal efficiency is at least the value; the mistag rate is as low as possible. */
        EFFICIENCY
    }

    /** CMS's loose working point: 10% mistag. */
    public static final WorkingPointTarget LOOSE = new WorkingPointTarget("loose", Criterion.MISTAG, 0.1);
    /** CMS's medium working point: 1% mistag. */
    public static final WorkingPointTarget MEDIUM = new WorkingPointTarget("medium", Criterion.MISTAG, 0.01);
    /** CMS's tight working point: 0.1% mistag. */
    public static final WorkingPointTarget TIGHT = new WorkingPointTarget("tight", Criterion.MISTAG, 0.001);

    /** Loose, medium and tight, in that order. */
    public static final List<WorkingPointTarget> FIXED_MISTAGS = List.of(LOOSE, MEDIUM, TIGHT);

    /** The fixed signal efficiencies ATLAS quotes: 60%, 70%, 77% and 85%, in that order. */
    public static final List<WorkingPointTarget> FIXED_EFFICIENCIES = List.of(efficiency(0.60), efficiency(0.70),
        efficiency(0.77), efficiency(0.85));

    /**
     * Validates the components.
     *
     * @param name the name, not blank
     * @param criterion the fixed rate
     * @param value the rate, in [0, 1]
     * @throws IllegalArgumentException for a blank name or a value outside [0, 1] (NaN included)
     */
    public WorkingPointTarget {
        Objects.requireNonNull(criterion, "criterion");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a working point needs a name");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("working point '" + name + "': the target "
                + criterion.name().toLowerCase(Locale.ROOT) + " rate must be in [0, 1], got " + value);
        }
    }

    /**
     * A fixed-mistag target named after its rate, for example {@code "1% mistag"}.
     *
     * @param mistag the largest acceptable mistag rate, in [0, 1]
     * @return the target
     * @throws IllegalArgumentException if the rate is outside [0, 1]
     */
    public static WorkingPointTarget mistag(double mistag) {
        return new WorkingPointTarget(percent(mistag) + " mistag", Criterion.MISTAG, mistag);
    }

    /**
     * A fixed-efficiency target named after its rate, for example {@code "70%"}.
     *
     * @param efficiency the smallest acceptable signal efficiency, in [0, 1]
     * @return the target
     * @throws IllegalArgumentException if the rate is outside [0, 1]
     */
    public static WorkingPointTarget efficiency(double efficiency) {
        return new WorkingPointTarget(percent(efficiency), Criterion.EFFICIENCY, efficiency);
    }

    private static String percent(double rate) {
        String s = String.format(Locale.ROOT, "%.4g", 100 * rate);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + "%";
    }
}
