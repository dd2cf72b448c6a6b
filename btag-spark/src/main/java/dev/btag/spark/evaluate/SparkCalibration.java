package dev.btag.spark.evaluate;

import static org.apache.spark.sql.functions.col;

import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.spark.score.ScoredJets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reliability diagram of each class from per-partition sums, as {@link ReliabilityDiagram#perClass} draws them:
 * jets of no class left out, every other jet counted in each class's diagram at its predicted probability of that
 * class, with its weight when the jets are weighted. The counts are exact; the summed probabilities (and weights) are
 * added in another order than on one machine, so the mean predictions (and weighted fractions) agree to rounding.
 * Outputs that are not probabilities in [0, 1] have no diagrams (an empty list), as in {@code btag evaluate}. Only
 * static methods.
 */
final class SparkCalibration {

    private static final int COUNT = 0;
    private static final int PREDICTED = 1;
    private static final int POSITIVE = 2;
    private static final int INVALID = 3;
    private static final int WEIGHT = 4;
    private static final int SQUARES = 5;

    private SparkCalibration() {
    }

    /**
     * Sums and draws the diagrams.
     *
     * @param scored scored jets with {@code class} and {@code probabilities}
     * @param names the class names, one per probability column
     * @param bins the number of probability bins
     * @param weighted whether each jet counts with its {@code weight} column (checked by the caller)
     * @return one diagram per class, or none when a probability is outside [0, 1]
     */
    static List<ReliabilityDiagram> of(Dataset<Row> scored, List<String> names, int bins, boolean weighted) {
        int k = names.size();
        double[][] sums = scored.select(ScoredJets.CLASS, ScoredJets.PROBABILITIES, ScoredJets.WEIGHT)
            .filter(col(ScoredJets.CLASS).geq(0)).javaRDD()
            .aggregate(new double[6][k * bins], (double[][] acc, Row r) -> {
                int cls = r.getInt(0);
                List<Float> p = r.getList(1);
                double w = weighted ? r.getDouble(2) : 1;
                for (int c = 0; c < k; c++) {
                    float v = p.get(c);
                    if (!(v >= 0 && v <= 1)) {
                        acc[INVALID][0] = 1;
                        continue;
                    }
                    int at = c * bins + Math.min(bins - 1, (int) (v * bins));
                    acc[COUNT][at]++;
                    acc[WEIGHT][at] += w;
                    acc[SQUARES][at] += w * w;
                    acc[PREDICTED][at] += w * v;
                    if (cls == c) {
                        acc[POSITIVE][at] += w;
                    }
                }
                return acc;
            }, (double[][] a, double[][] b) -> {
                for (int s = 0; s < a.length; s++) {
                    for (int i = 0; i < a[s].length; i++) {
                        a[s][i] += b[s][i];
                    }
                }
                return a;
            });
        if (sums[INVALID][0] != 0) {
            return List.of();
        }
        List<ReliabilityDiagram> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            double[] count = java.util.Arrays.copyOfRange(sums[COUNT], c * bins, (c + 1) * bins);
            out.add(ReliabilityDiagram.fromSums(names.get(c), count,
                java.util.Arrays.copyOfRange(sums[WEIGHT], c * bins, (c + 1) * bins),
                weighted ? java.util.Arrays.copyOfRange(sums[SQUARES], c * bins, (c + 1) * bins) : null,
                java.util.Arrays.copyOfRange(sums[PREDICTED], c * bins, (c + 1) * bins),
                java.util.Arrays.copyOfRange(sums[POSITIVE], c * bins, (c + 1) * bins)));
        }
        return List.copyOf(out);
    }
}
