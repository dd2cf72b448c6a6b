package dev.btag.models.scan;

import com.google.gson.JsonObject;
import dev.btag.models.evaluate.EvaluationJson;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The summary of one (depth, width) cell of a {@link ModelScan} over its seeds. This record is immutable.
 *
 * <p>The spread is the sample standard deviation over the seeds (denominator n - 1), NaN for a single seed; it
 * measures how much the figure moves with the seed of initialisation, shuffling and dropout, which is what decides
 * whether two cells differ. Non-finite values (a point whose AUC could not be computed) are left out of the means.
 *
 * @param depth the number of hidden dense layers
 * @param width the units per hidden layer
 * @param parameters the parameter count (the same for every seed)
 * @param seeds the number of seeds (points) in the cell, at least 1
 * @param aucMean the mean AUC
 * @param aucSpread the standard deviation of the AUC over the seeds
 * @param aucMin the lowest AUC
 * @param aucMax the highest AUC
 * @param bestValidationLossMean the mean of the best validation losses
 * @param bestValidationLossSpread their standard deviation over the seeds
 * @param trainingSecondsMean the mean training time in seconds
 */
public record CellSummary(int depth, int width, long parameters, int seeds, double aucMean, double aucSpread,
        double aucMin, double aucMax, double bestValidationLossMean, double bestValidationLossSpread,
        double trainingSecondsMean) {

    /**
     * Summarises the points of one cell.
     *
     * @param points the cell's points: at least one, all of the same depth and width
     * @return the summary
     * @throws IllegalArgumentException if there is no point or the points belong to different cells
     */
    public static CellSummary of(List<PointResult> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a scan cell needs at least one point");
        }
        ScanPoint first = points.get(0).point();
        SummaryStatistics auc = new SummaryStatistics();
        SummaryStatistics loss = new SummaryStatistics();
        SummaryStatistics seconds = new SummaryStatistics();
        for (PointResult p : points) {
            if (p.point().depth() != first.depth() || p.point().width() != first.width()) {
                throw new IllegalArgumentException("scan point " + p.point().key() + " is not in the cell of "
                    + first.key());
            }
            add(auc, p.auc());
            add(loss, p.bestValidationLoss());
            add(seconds, p.trainingSeconds());
        }
        return new CellSummary(first.depth(), first.width(), points.get(0).parameters(), points.size(),
            auc.getMean(), spread(auc), auc.getN() == 0 ? Double.NaN : auc.getMin(),
            auc.getN() == 0 ? Double.NaN : auc.getMax(), loss.getMean(), spread(loss), seconds.getMean());
    }

    private static void add(SummaryStatistics statistics, double value) {
        if (Double.isFinite(value)) {
            statistics.addValue(value);
        }
    }

    private static double spread(SummaryStatistics statistics) {
        return statistics.getN() < 2 ? Double.NaN : statistics.getStandardDeviation();
    }

    /**
     * The JSON object of this cell: {@code depth}, {@code width}, {@code parameters}, {@code seeds}, {@code aucMean},
     * {@code aucSpread}, {@code aucMin}, {@code aucMax}, {@code bestValidationLossMean},
     * {@code bestValidationLossSpread}, {@code trainingSecondsMean}; a number that is not finite (the spread of one
     * seed) is {@code null}.
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("depth", depth);
        o.addProperty("width", width);
        o.addProperty("parameters", parameters);
        o.addProperty("seeds", seeds);
        o.add("aucMean", EvaluationJson.number(aucMean));
        o.add("aucSpread", EvaluationJson.number(aucSpread));
        o.add("aucMin", EvaluationJson.number(aucMin));
        o.add("aucMax", EvaluationJson.number(aucMax));
        o.add("bestValidationLossMean", EvaluationJson.number(bestValidationLossMean));
        o.add("bestValidationLossSpread", EvaluationJson.number(bestValidationLossSpread));
        o.add("trainingSecondsMean", EvaluationJson.number(trainingSecondsMean));
        return o;
    }
}
