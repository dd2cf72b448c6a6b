package dev.btag.spark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.BinnedRoc;
import dev.btag.metrics.roc.ClassTotals;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.roc.ScoreRuns;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.WorkingPointRates;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The binned performance of one comparison, as {@code btag evaluate} reports it ({@code binnedPerformance}): per bin
 * of a jet variable (the last bin taking every jet above its lower edge, {@link Overflow#LAST_BIN}) the ROC curve
 * and AUC of the bin's own jets, from a distributed sort of the distinct scores per bin fed to {@link ScoreRuns},
 * and the efficiency and mistag rate of every working point, from per-partition counts (and, for weighted jets,
 * weight sums and squared-weight sums, as {@code btag evaluate} weighs them). Only static methods.
 */
final class SparkBinnedPerformance {

    /**
     * A binned variable of the grouped jets.
     *
     * @param name its name in the results ({@code pt}, {@code absEta})
     * @param cell the column holding each jet's bin under {@link Overflow#LAST_BIN}, -1 for none
     * @param binning the bins
     */
    record Variable(String name, String cell, Binning binning) {
    }

    private SparkBinnedPerformance() {
    }

    /**
     * The performance per bin of each variable.
     *
     * @param jets the grouped jets
     * @param kept the jets the comparison keeps
     * @param signal its signal jets
     * @param score the discriminant column
     * @param points every working point of the comparison (fixed mistag, then fixed efficiency)
     * @param weighted whether the jets' weights ({@link SparkEvaluation#W}) are used
     * @param variables the binned variables
     * @return one result per variable, in order
     */
    static List<BinnedPerformance> of(Dataset<Row> jets, Column kept, Column signal, String score,
            List<WorkingPoint> points, boolean weighted, List<Variable> variables) {
        List<BinnedPerformance> out = new ArrayList<>(variables.size());
        for (Variable v : variables) {
            Dataset<Row> binned = jets.filter(kept.and(col(v.cell()).geq(0)));
            out.add(new BinnedPerformance(roc(binned, signal, score, v, weighted),
                rates(binned, signal, score, points, v, weighted)));
        }
        return out;
    }

    /** The ROC of each bin from one sort by bin, then score descending. */
    private static BinnedRoc roc(Dataset<Row> binned, Column signal, String score, Variable v, boolean weighted) {
        int bins = v.binning().bins();
        ScoreRuns[] runs = new ScoreRuns[bins];
        // per bin: signal count, weight, squared weight; background count, weight, squared weight
        double[][] totals = new double[bins][6];
        Iterator<Row> sorted = binned.groupBy(col(v.cell()), col(score))
            .agg(SparkEvaluation.count(signal), SparkEvaluation.weightSum(signal),
                SparkEvaluation.squaredWeightSum(signal), SparkEvaluation.count(not(signal)),
                SparkEvaluation.weightSum(not(signal)), SparkEvaluation.squaredWeightSum(not(signal)))
            .orderBy(col(v.cell()).asc(), col(score).desc())
            .toLocalIterator();
        while (sorted.hasNext()) {
            Row r = sorted.next();
            int bin = r.getInt(0);
            if (runs[bin] == null) {
                runs[bin] = new ScoreRuns(weighted);
            }
            runs[bin].add(r.getDouble(1), r.getLong(2), r.getDouble(3), r.getDouble(4), r.getLong(5),
                r.getDouble(6), r.getDouble(7));
            for (int k = 0; k < 6; k++) {
                totals[bin][k] += k % 3 == 0 ? r.getLong(2 + k) : r.getDouble(2 + k);
            }
        }
        List<RocBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            double[] t = totals[b];
            ClassTotals s = weighted ? ClassTotals.weighted((long) t[0], t[1], t[2])
                : ClassTotals.unweighted((long) t[0]);
            ClassTotals bg = weighted ? ClassTotals.weighted((long) t[3], t[4], t[5])
                : ClassTotals.unweighted((long) t[3]);
            double upper = b == bins - 1 ? Double.POSITIVE_INFINITY : v.binning().upper(b);
            if (s.count() == 0 || bg.count() == 0 || !(s.weight() > 0) || !(bg.weight() > 0)) {
                out.add(new RocBin(v.binning().lower(b), upper, s, bg, new AucEstimate(Double.NaN, Double.NaN),
                    null));
            } else {
                out.add(new RocBin(v.binning().lower(b), upper, s, bg, runs[b].auc(),
                    runs[b].roc().thinned(TaggerEvaluation.BIN_CURVE_POINTS)));
            }
        }
        return new BinnedRoc(v.name(), v.binning(), Overflow.LAST_BIN, out);
    }

    /** The efficiency and mistag rate of every working point per bin, from counts or weight sums. */
    private static List<WorkingPointRates> rates(Dataset<Row> binned, Column signal, String score,
            List<WorkingPoint> points, Variable v, boolean weighted) {
        int bins = v.binning().bins();
        List<Column> sums = new ArrayList<>();
        sums.add(SparkEvaluation.squaredWeightSum(lit(true)));
        for (int p = 0; p < points.size(); p++) {
            sums.add(SparkEvaluation.weightSum(col(score).geq(points.get(p).threshold())).as("p" + p));
        }
        double[][] total = new double[2][bins];
        double[][] squares = new double[2][bins];
        double[][][] passed = new double[points.size()][2][bins];
        for (Row r : binned.groupBy(col(v.cell()), signal.as("signal"))
                .agg(SparkEvaluation.weightSum(lit(true)), sums.toArray(new Column[0])).collectAsList()) {
            int cls = r.getBoolean(1) ? 0 : 1;
            int bin = r.getInt(0);
            total[cls][bin] = r.getDouble(2);
            squares[cls][bin] = r.getDouble(3);
            for (int p = 0; p < points.size(); p++) {
                passed[p][cls][bin] = r.getDouble(4 + p);
            }
        }
        List<WorkingPointRates> out = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) {
            out.add(new WorkingPointRates(points.get(p),
                BinnedEfficiency.fromSums(v.binning(), passed[p][0], total[0], weighted ? squares[0] : null,
                    ClopperPearson.ONE_SIGMA),
                BinnedEfficiency.fromSums(v.binning(), passed[p][1], total[1], weighted ? squares[1] : null,
                    ClopperPearson.ONE_SIGMA)));
        }
        return out;
    }
}
