package dev.btag.metrics.workingpoint;

import dev.btag.metrics.roc.RocCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * Working points read off a {@link RocCurve}, so they use exactly its thresholds (a jet is tagged when its score is
 * at least the threshold) and its rates.
 */
public final class WorkingPoints {

    private WorkingPoints() {
    }

    /**
     * The cut with the highest efficiency whose mistag rate does not exceed {@code targetMistag}; among cuts of equal
     * efficiency, the one with the lowest mistag rate. The curve's first point (threshold +&infin;, nothing tagged)
     * always qualifies, so the result exists for every target.
     *
     * @param roc the ROC curve
     * @param targetMistag the largest acceptable mistag rate, in [0, 1]
     * @return the working point; its {@code mistag} never exceeds {@code targetMistag}
     * @throws IllegalArgumentException if {@code targetMistag} is not in [0, 1]
     */
    public static WorkingPoint atMistag(RocCurve roc, double targetMistag) {
        if (!(targetMistag >= 0 && targetMistag <= 1)) {
            throw new IllegalArgumentException("target mistag must be in [0, 1], got " + targetMistag);
        }
        return at(roc, WorkingPointTarget.mistag(targetMistag));
    }

    /**
     * The working point for a named target of either kind: {@link WorkingPointTarget.Criterion#MISTAG} as
     * {@link #atMistag(RocCurve, double)}, {@link WorkingPointTarget.Criterion#EFFICIENCY} as
     * {@link #atEfficiency(RocCurve, double)}.
     *
     * @param roc the ROC curve
     * @param target the target, which names the result
     * @return the working point
     */
    public static WorkingPoint at(RocCurve roc, WorkingPointTarget target) {
        return target.criterion() == WorkingPointTarget.Criterion.MISTAG ? mistagPoint(roc, target)
            : efficiencyPoint(roc, target);
    }

    /**
     * Working points for several named targets.
     *
     * @param roc the ROC curve
     * @param targets the targets
     * @return one working point per target, in the given order
     */
    public static List<WorkingPoint> at(RocCurve roc, List<WorkingPointTarget> targets) {
        List<WorkingPoint> points = new ArrayList<>(targets.size());
        for (WorkingPointTarget target : targets) {
            points.add(at(roc, target));
        }
        return List.copyOf(points);
    }

    private static WorkingPoint mistagPoint(RocCurve roc, WorkingPointTarget target) {
        double targetMistag = target.value();
        // fpr is non-decreasing: find the last point with fpr <= target
        int lo = 0;
        int hi = roc.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (roc.fpr(mid) <= targetMistag) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int i = lo;
        while (i > 0 && roc.tpr(i - 1) == roc.tpr(i)) {
            i--; // same efficiency at a lower (or equal) mistag
        }
        return point(roc, i, target);
    }

    /**
     * The loose, medium and tight working points (10%, 1%, 0.1% mistag, {@link WorkingPointTarget#FIXED_MISTAGS}),
     * in that order, named so.
     *
     * @param roc the ROC curve
     * @return three working points
     */
    public static List<WorkingPoint> standard(RocCurve roc) {
        return at(roc, WorkingPointTarget.FIXED_MISTAGS);
    }

    /**
     * Working points for several target mistag rates.
     *
     * @param roc the ROC curve
     * @param targetMistags the targets, each in [0, 1]
     * @return one working point per target, in the given order
     * @throws IllegalArgumentException if a target is not in [0, 1]
     */
    public static List<WorkingPoint> atMistags(RocCurve roc, double... targetMistags) {
        List<WorkingPoint> points = new ArrayList<>(targetMistags.length);
        for (double target : targetMistags) {
            points.add(atMistag(roc, target));
        }
        return List.copyOf(points);
    }

    /**
     * The inverse: the cut with the lowest mistag rate whose efficiency is at least {@code targetEfficiency} (the
     * highest such threshold).
     *
     * @param roc the ROC curve
     * @param targetEfficiency the smallest acceptable efficiency, in [0, 1]
     * @return the working point; its {@code efficiency} is at least {@code targetEfficiency}
     * @throws IllegalArgumentException if {@code targetEfficiency} is not in [0, 1]
     */
    public static WorkingPoint atEfficiency(RocCurve roc, double targetEfficiency) {
        if (!(targetEfficiency >= 0 && targetEfficiency <= 1)) {
            throw new IllegalArgumentException("target efficiency must be in [0, 1], got " + targetEfficiency);
        }
        return at(roc, WorkingPointTarget.efficiency(targetEfficiency));
    }

    private static WorkingPoint efficiencyPoint(RocCurve roc, WorkingPointTarget target) {
        double targetEfficiency = target.value();
        // tpr is non-decreasing and ends at 1: find the first point with tpr >= target
        int lo = 0;
        int hi = roc.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (roc.tpr(mid) >= targetEfficiency) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return point(roc, lo, target);
    }

    private static WorkingPoint point(RocCurve roc, int i, WorkingPointTarget target) {
        double eff = roc.tpr(i);
        double mistag = roc.fpr(i);
        return new WorkingPoint(target, roc.threshold(i), eff, binomialError(eff, roc.signal().effectiveCount()),
            mistag, binomialError(mistag, roc.background().effectiveCount()));
    }

    private static double binomialError(double p, double n) {
        return n > 0 ? Math.sqrt(p * (1 - p) / n) : Double.NaN;
    }
}
