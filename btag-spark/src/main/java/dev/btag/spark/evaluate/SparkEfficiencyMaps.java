package dev.btag.spark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMap;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.selection.FlavourGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Efficiency maps from per-partition counts: per flavour group ({@link FlavourGroup#STANDARD}), pT bin and |&eta;|
 * bin (jets above the last edge in the last bin, as {@link EfficiencyMaps#of} counts them), the number of jets and
 * the number passing each cut, summed over the partitions and handed to {@link EfficiencyMap#fromSums}; for weighted
 * jets also the weight sums and the squared-weight sum. The counts are integers, so unweighted maps equal
 * {@link EfficiencyMaps#of} on the same jets; weighted ones agree to the rounding of the weight sums (added in
 * another order). Only static methods.
 */
final class SparkEfficiencyMaps {

    /** The column of the jet's index in {@link FlavourGroup#STANDARD}, -1 for none. */
    static final String GROUP = "flavourGroup";
    /** The column of the jet's pT bin with the last bin taking the overflow, -1 below the first edge or unknown. */
    static final String PT_CELL = "ptCell";
    /** The column of the jet's |&eta;| bin with the last bin taking the overflow, -1 when unknown. */
    static final String ETA_CELL = "etaCell";

    private SparkEfficiencyMaps() {
    }

    /**
     * Counts the maps.
     *
     * @param jets the grouped jets (with {@link #GROUP}, {@link #PT_CELL}, {@link #ETA_CELL} and the score column)
     * @param score the discriminant column (its CMS name)
     * @param x the pT bins
     * @param y the |&eta;| bins
     * @param cuts the cuts, for example every working point of the b-vs-light comparison
     * @param weighted whether the jets' weights ({@link SparkEvaluation#W}) are summed too
     * @return the maps, weighted when asked
     */
    static EfficiencyMaps count(Dataset<Row> jets, String score, Binning x, Binning y, List<EfficiencyMaps.Cut> cuts,
            boolean weighted) {
        List<Column> sums = new ArrayList<>();
        sums.add(SparkEvaluation.count(lit(true)));
        for (int c = 0; c < cuts.size(); c++) {
            sums.add(SparkEvaluation.count(col(score).geq(cuts.get(c).threshold())).as("pass" + c));
        }
        sums.add(SparkEvaluation.weightSum(lit(true)));
        sums.add(SparkEvaluation.squaredWeightSum(lit(true)));
        for (int c = 0; c < cuts.size(); c++) {
            sums.add(SparkEvaluation.weightSum(col(score).geq(cuts.get(c).threshold())).as("weightPass" + c));
        }
        List<FlavourGroup> groups = FlavourGroup.STANDARD;
        double[][][] total = new double[groups.size()][x.bins()][y.bins()];
        double[][][][] passed = new double[cuts.size()][groups.size()][x.bins()][y.bins()];
        double[][][] weightTotal = new double[groups.size()][x.bins()][y.bins()];
        double[][][] weightSquares = new double[groups.size()][x.bins()][y.bins()];
        double[][][][] weightPassed = new double[cuts.size()][groups.size()][x.bins()][y.bins()];
        List<Row> cells = jets.filter(col(GROUP).geq(0).and(col(PT_CELL).geq(0)).and(col(ETA_CELL).geq(0)))
            .groupBy(GROUP, PT_CELL, ETA_CELL)
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
            .collectAsList();
        for (Row r : cells) {
            int g = r.getInt(0);
            int i = r.getInt(1);
            int j = r.getInt(2);
            total[g][i][j] = r.getLong(3);
            int k = cuts.size();
            weightTotal[g][i][j] = r.getDouble(4 + k);
            weightSquares[g][i][j] = r.getDouble(5 + k);
            for (int c = 0; c < k; c++) {
                passed[c][g][i][j] = r.getLong(4 + c);
                weightPassed[c][g][i][j] = r.getDouble(6 + k + c);
            }
        }
        List<EfficiencyMaps.CutMaps> out = new ArrayList<>();
        for (int c = 0; c < cuts.size(); c++) {
            Map<FlavourGroup, EfficiencyMap> maps = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                maps.put(groups.get(g), weighted
                    ? EfficiencyMap.fromSums(x, y, passed[c][g], total[g], weightPassed[c][g], weightTotal[g],
                        weightSquares[g], ClopperPearson.ONE_SIGMA)
                    : EfficiencyMap.fromSums(x, y, passed[c][g], total[g], null, null, null,
                        ClopperPearson.ONE_SIGMA));
            }
            out.add(new EfficiencyMaps.CutMaps(cuts.get(c), maps));
        }
        return new EfficiencyMaps(score, x, y, out);
    }
}
