package dev.btag.spark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
 * and the efficiency and mistag rate of every working point, from per-partition counts. Only static methods.
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
     * @param variables the binned variables
     * @return one result per variable, in order
     */
    static List<BinnedPerformance> of(Dataset<Row> jets, Column kept, Column signal, String score,
            List<WorkingPoint> points, List<Variable> variables) {
        List<BinnedPerformance> out = new ArrayList<>(variables.size());
        for (Variable v : variables) {
            Dataset<Row> binned = jets.filter(kept.and(col(v.cell()).geq(0)));
            out.add(new BinnedPerformance(roc(binned, signal, score, v), rates(binned, signal, score, points, v)));
        }
        return out;
    }

    /** The ROC of each bin from one sort by bin, then score descending. */
    private static BinnedRoc roc(Dataset<Row> binned, Column signal, String score, Variable v) {
        int bins = v.binning().bins();
        ScoreRuns[] runs = new ScoreRuns[bins];
        long[] signals = new long[bins];
        long[] backgrounds = new long[bins];
        Iterator<Row> sorted = binned.groupBy(col(v.cell()), col(score))
            .agg(sum(when(signal, lit(1L)).otherwise(lit(0L))).as("s"),
                sum(when(signal, lit(0L)).otherwise(lit(1L))).as("b"))
            .orderBy(col(v.cell()).asc(), col(score).desc())
            .toLocalIterator();
        while (sorted.hasNext()) {
            Row r = sorted.next();
            int bin = r.getInt(0);
            long s = r.getLong(2);
            long b = r.getLong(3);
            if (runs[bin] == null) {
                runs[bin] = new ScoreRuns(false);
            }
            runs[bin].add(r.getDouble(1), s, s, s, b, b, b);
            signals[bin] += s;
            backgrounds[bin] += b;
        }
        List<RocBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            ClassTotals s = ClassTotals.unweighted(signals[b]);
            ClassTotals bg = ClassTotals.unweighted(backgrounds[b]);
            double upper = b == bins - 1 ? Double.POSITIVE_INFINITY : v.binning().upper(b);
            if (s.count() == 0 || bg.count() == 0) {
                out.add(new RocBin(v.binning().lower(b), upper, s, bg, new AucEstimate(Double.NaN, Double.NaN),
                    null));
            } else {
                out.add(new RocBin(v.binning().lower(b), upper, s, bg, runs[b].auc(),
                    runs[b].roc().thinned(TaggerEvaluation.BIN_CURVE_POINTS)));
            }
        }
        return new BinnedRoc(v.name(), v.binning(), Overflow.LAST_BIN, out);
    }

    /** The efficiency and mistag rate of every working point per bin, from counts. */
    private static List<WorkingPointRates> rates(Dataset<Row> binned, Column signal, String score,
            List<WorkingPoint> points, Variable v) {
        int bins = v.binning().bins();
        List<Column> sums = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            sums.add(sum(when(col(score).geq(points.get(p).threshold()), lit(1L)).otherwise(lit(0L))).as("p" + p));
        }
        double[][] total = new double[2][bins];
        double[][][] passed = new double[points.size()][2][bins];
        for (Row r : binned.groupBy(col(v.cell()), signal.as("signal"))
                .agg(sum(lit(1L)).as("total"), sums.toArray(new Column[0])).collectAsList()) {
            int cls = r.getBoolean(1) ? 0 : 1;
            int bin = r.getInt(0);
            total[cls][bin] = r.getLong(2);
            for (int p = 0; p < points.size(); p++) {
                passed[p][cls][bin] = r.getLong(3 + p);
            }
        }
        List<WorkingPointRates> out = new ArrayList<>(points.size());
        for (int p = 0; p < points.size(); p++) {
            out.add(new WorkingPointRates(points.get(p),
                BinnedEfficiency.fromSums(v.binning(), passed[p][0], total[0], null, ClopperPearson.ONE_SIGMA),
                BinnedEfficiency.fromSums(v.binning(), passed[p][1], total[1], null, ClopperPearson.ONE_SIGMA)));
        }
        return out;
    }
}
