package dev.btag.metrics.efficiency;

import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.selection.FlavourGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The efficiency maps of one tagging score: for every cut (working point) and every flavour group (b, c, light by
 * default) an {@link EfficiencyMap} over two jet variables, in practice jet p<sub>T</sub> &times; |&eta;|. This is
 * what the scale-factor method of an analysis needs from a tagger. This record is immutable.
 *
 * <p>A jet passes a cut when its score is at least the cut's threshold (the ROC curve's convention). Cells follow
 * {@link Overflow#LAST_BIN} on both axes: bin {@code i} is {@code [edge_i, edge_i+1)}, the last bin also takes
 * everything above its lower edge, jets below the first edge (or with a NaN variable) are left out. Jets whose truth
 * code is in no group (undefined jets) are left out. Every map of every cut is filled in one pass over the jets.
 *
 * @param score the score's name, for example {@code "BvsL"}
 * @param x the row bins, for example jet p<sub>T</sub> in GeV
 * @param y the column bins, for example |&eta;|
 * @param cuts one entry per cut, in the order given
 */
public record EfficiencyMaps(String score, Binning x, Binning y, List<CutMaps> cuts) {

    /**
     * A named score cut.
     *
     * @param name the working point's name, for example {@code "medium"}
     * @param threshold a jet passes when its score is at least this; {@code +Infinity} passes nothing
     */
    public record Cut(String name, double threshold) {
        /**
         * Validates the components.
         *
         * @param name the name, not blank
         * @param threshold the threshold, not NaN
         * @throws IllegalArgumentException for a blank name or a NaN threshold
         */
        public Cut {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a cut needs a name");
            }
            if (Double.isNaN(threshold)) {
                throw new IllegalArgumentException("cut '" + name + "': the threshold is NaN");
            }
        }
    }

    /**
     * The maps of one cut, one per flavour group.
     *
     * @param cut the cut
     * @param flavours the map of each flavour group, in the order of the groups
     */
    public record CutMaps(Cut cut, Map<FlavourGroup, EfficiencyMap> flavours) {
        /**
         * Copies the map, keeping its order.
         *
         * @param cut the cut
         * @param flavours the maps
         */
        public CutMaps {
            Objects.requireNonNull(cut, "cut");
            flavours = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flavours));
        }

        /**
         * The map of one flavour group.
         *
         * @param group the group
         * @return its map
         * @throws IllegalArgumentException if the group was not mapped
         */
        public EfficiencyMap flavour(FlavourGroup group) {
            EfficiencyMap m = flavours.get(group);
            if (m == null) {
                throw new IllegalArgumentException("no map for flavour '" + group.name() + "'; mapped: "
                    + flavours.keySet().stream().map(FlavourGroup::name).toList());
            }
            return m;
        }
    }

    /**
     * Copies the list.
     *
     * @param score the score's name
     * @param x the row bins
     * @param y the column bins
     * @param cuts the maps per cut
     */
    public EfficiencyMaps {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        cuts = List.copyOf(cuts);
    }

    /**
     * Fills the maps in one pass over the jets.
     *
     * @param score the score's name
     * @param x the row bins
     * @param y the column bins
     * @param xValues the row variable per jet (for example jet pT)
     * @param yValues the column variable per jet (for example |eta|)
     * @param truthCodes the truth code per jet
     * @param scores the score per jet, not NaN
     * @param weights the weight per jet (finite, non-negative), or {@code null} for unweighted maps
     * @param cuts the cuts
     * @param groups the flavour groups, pairwise disjoint (for example {@link FlavourGroup#STANDARD})
     * @param confidenceLevel the level of the Clopper&ndash;Pearson intervals, for example
     *     {@link ClopperPearson#ONE_SIGMA}
     * @return the maps
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN or a weight invalid (the message
     *     names the array and index), the groups overlap, or there is no cut or group
     */
    public static EfficiencyMaps of(String score, Binning x, Binning y, double[] xValues, double[] yValues,
            int[] truthCodes, double[] scores, double[] weights, List<Cut> cuts, List<FlavourGroup> groups,
            double confidenceLevel) {
        return of(score, BinnedVariable.of("x", x, xValues), BinnedVariable.of("y", y, yValues), truthCodes, scores,
            weights, cuts, groups, confidenceLevel);
    }

    /**
     * Fills the maps from variables whose bins were looked up already (for example the ones an evaluation shares
     * with its binned ROC curves); their overflow slots count in the last bins.
     *
     * @param score the score's name
     * @param x the row variable with its bins
     * @param y the column variable with its bins
     * @param truthCodes the truth code per jet
     * @param scores the score per jet, not NaN
     * @param weights the weight per jet, or {@code null}
     * @param cuts the cuts
     * @param groups the flavour groups, pairwise disjoint
     * @param confidenceLevel the level of the intervals
     * @return the maps
     * @throws IllegalArgumentException as {@link #of(String, Binning, Binning, double[], double[], int[], double[],
     *     double[], List, List, double)}
     */
    public static EfficiencyMaps of(String score, BinnedVariable x, BinnedVariable y, int[] truthCodes,
            double[] scores, double[] weights, List<Cut> cuts, List<FlavourGroup> groups, double confidenceLevel) {
        int n = scores.length;
        if (x.size() != n || y.size() != n || truthCodes.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("scores has " + n + " entries, x " + x.size() + ", y " + y.size()
                + ", truthCodes " + truthCodes.length + (weights == null ? "" : ", weights " + weights.length)
                + "; lengths must match");
        }
        if (cuts.isEmpty() || groups.isEmpty()) {
            throw new IllegalArgumentException("efficiency maps need at least one cut and one flavour group");
        }
        int[] group = FlavourGroup.indexOf(groups, truthCodes);
        Binning bx = x.binning();
        Binning by = y.binning();
        int ny = by.bins();
        Sums sums = new Sums(cuts, groups.size(), bx.bins() * ny, weights != null);
        for (int i = 0; i < n; i++) {
            double s = scores[i];
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("scores[" + i + "] is NaN");
            }
            double w = 1;
            if (weights != null) {
                w = weights[i];
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("weights[" + i + "] is " + w
                        + ": weights must be finite and non-negative");
                }
            }
            int g = group[i];
            int cx = x.binOfSlot(x.slot(i), Overflow.LAST_BIN);
            int cy = y.binOfSlot(y.slot(i), Overflow.LAST_BIN);
            if (g < 0 || cx < 0 || cy < 0) {
                continue;
            }
            sums.add(g, cx * ny + cy, s, w);
        }
        List<CutMaps> out = new ArrayList<>(cuts.size());
        for (int c = 0; c < cuts.size(); c++) {
            Map<FlavourGroup, EfficiencyMap> maps = new LinkedHashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                maps.put(groups.get(g), sums.map(c, g, bx, by, confidenceLevel));
            }
            out.add(new CutMaps(cuts.get(c), maps));
        }
        return new EfficiencyMaps(score, bx, by, out);
    }

    /**
     * The maps of one cut.
     *
     * @param name the cut's name
     * @return its maps
     * @throws IllegalArgumentException if there is no cut of that name (the message lists them)
     */
    public CutMaps cut(String name) {
        for (CutMaps c : cuts) {
            if (c.cut().name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no efficiency maps for cut '" + name + "'; there are "
            + cuts.stream().map(c -> c.cut().name()).toList());
    }

    /**
     * Per-cell sums of all cuts and groups, in flat arrays. A jet's score is compared with the cuts from the lowest
     * threshold up; the jet is counted once, under the number of cuts it passes, and the passing counts of each cut
     * are the cumulative sums of those counts (a jet that passes a cut passes every lower one).
     */
    private static final class Sums {
        private final int groups;
        private final int cells;
        private final double[] ascending;
        private final int[] rankOfCut;
        private final double[] total;
        private final double[] passedByRank;
        private final double[] weightTotal;
        private final double[] weightSquares;
        private final double[] weightPassedByRank;
        private double[] passed;
        private double[] weightPassed;

        Sums(List<Cut> cuts, int groups, int cells, boolean weighted) {
            this.groups = groups;
            this.cells = cells;
            int k = cuts.size();
            Integer[] order = new Integer[k];
            for (int c = 0; c < k; c++) {
                order[c] = c;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(cuts.get(a).threshold(), cuts.get(b).threshold()));
            ascending = new double[k];
            rankOfCut = new int[k];
            for (int r = 0; r < k; r++) {
                ascending[r] = cuts.get(order[r]).threshold();
                rankOfCut[order[r]] = r;
            }
            total = new double[groups * cells];
            passedByRank = new double[(k + 1) * groups * cells];
            weightTotal = weighted ? new double[groups * cells] : null;
            weightSquares = weighted ? new double[groups * cells] : null;
            weightPassedByRank = weighted ? new double[(k + 1) * groups * cells] : null;
        }

        void add(int g, int cell, double score, double w) {
            int at = g * cells + cell;
            total[at]++;
            // the thresholds ascend and the score is not NaN: the cuts it passes are the lowest ones, counted without
            // branching on the score
            int passes = 0;
            for (double threshold : ascending) {
                passes += score >= threshold ? 1 : 0;
            }
            int p = passes * groups * cells + at;
            passedByRank[p]++;
            if (weightTotal != null) {
                weightTotal[at] += w;
                weightSquares[at] += w * w;
                weightPassedByRank[p] += w;
            }
        }

        /** Passing sums per cut (in the cuts' order): a jet passing m cuts passes the m lowest thresholds. */
        private void finish() {
            if (passed != null) {
                return;
            }
            int k = ascending.length;
            int block = groups * cells;
            passed = new double[k * block];
            weightPassed = weightTotal == null ? null : new double[k * block];
            for (int c = 0; c < k; c++) {
                int rank = rankOfCut[c];
                for (int at = 0; at < block; at++) {
                    double sum = 0;
                    double wsum = 0;
                    for (int m = rank + 1; m <= k; m++) {
                        sum += passedByRank[m * block + at];
                        if (weightPassed != null) {
                            wsum += weightPassedByRank[m * block + at];
                        }
                    }
                    passed[c * block + at] = sum;
                    if (weightPassed != null) {
                        weightPassed[c * block + at] = wsum;
                    }
                }
            }
        }

        EfficiencyMap map(int c, int g, Binning x, Binning y, double level) {
            finish();
            int base = g * cells;
            int passBase = c * groups * cells + base;
            boolean weighted = weightTotal != null;
            return EfficiencyMap.fromSums(x, y, grid(passed, passBase, x, y), grid(total, base, x, y),
                weighted ? grid(weightPassed, passBase, x, y) : null,
                weighted ? grid(weightTotal, base, x, y) : null,
                weighted ? grid(weightSquares, base, x, y) : null, level);
        }

        private static double[][] grid(double[] flat, int base, Binning x, Binning y) {
            double[][] g = new double[x.bins()][y.bins()];
            for (int i = 0; i < x.bins(); i++) {
                System.arraycopy(flat, base + i * y.bins(), g[i], 0, y.bins());
            }
            return g;
        }
    }
}
