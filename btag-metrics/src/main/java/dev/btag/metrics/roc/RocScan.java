package dev.btag.metrics.roc;

import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.selection.FlavourSelection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * One sort of a sample's scores from which everything ROC-like is read without sorting again: the ROC curve, its AUC
 * with DeLong's error, and, for each bin of one or more jet variables (jet p<sub>T</sub>, |&eta;|), the bin's ROC
 * curve, AUC and error, and the signal efficiency and background mistag rate at any cut. This class is immutable and
 * thread-safe once built.
 *
 * <p>The numbers are exactly those of the direct calls: {@link #roc()} equals {@code RocCurve.of(scores, signal[,
 * weights])} over the kept jets, {@link #auc()} equals {@code AucEstimate.delong(...)}, the curve and AUC of a bin
 * equal those of the bin's jets alone, and a bin's passing counts equal a direct count of the jets whose score is at
 * least the cut (the property tests check all four). Each class's scores are sorted once (radix sort carrying each
 * jet's packed bins and weight); one pass from the highest score down accumulates the sample's curve and records
 * each jet's bins in that order, one pass per class keeps every slot's running sums at regular checkpoints (a
 * passing count reads a checkpoint and at most a few thousand jets), and the bins' curves and AUCs come, when first
 * asked for, from a split of the recorded walk by bin and three short passes over each bin's jets, without
 * materialising any bin's full curve ({@code BinWalk}).
 *
 * <p>Costs: time O(n) for the sort and the passes; memory, besides the sample's curve, the sorted keys, bins and
 * weights and the bins in walk order (16 bytes per jet, 32 with weights), kept until the scan is dropped. Input
 * checks are those of {@link RocCurve}: scores finite, weights finite and non-negative (the message names the array
 * and the index), both classes present. The first {@link #binned} call of a policy computes every variable's bins under
 * a lock.
 */
public final class RocScan {

    /** Inputs at least this long sort the two classes in parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private final RocCurve roc;
    private final AucEstimate auc;
    private final List<BinnedVariable> variables;
    private final SlotSums sig;
    private final SlotSums bkg;
    private final WalkOrder order;
    private final int[][] slotOfCell;
    private final int[] offset;
    private final boolean weighted;
    /** The bins' results of the last {@link #binned} policy and size: {@code {overflow, maxPoints, results}}. */
    private Object[] lastBinned;

    private RocScan(RocCurve roc, AucEstimate auc, List<BinnedVariable> variables, SlotSums sig, SlotSums bkg,
            WalkOrder order, int[][] slotOfCell, int[] offset, boolean weighted) {
        this.order = order;
        this.roc = roc;
        this.auc = auc;
        this.variables = variables;
        this.sig = sig;
        this.bkg = bkg;
        this.slotOfCell = slotOfCell;
        this.offset = offset;
        this.weighted = weighted;
    }

    /**
     * Scans scores with explicit signal flags.
     *
     * @param scores one finite score per jet
     * @param signal {@code true} for signal jets
     * @param weights one weight per jet, or {@code null} for unit weights
     * @param variables the binned variables, each of the same N jets (may be empty)
     * @return the scan
     * @throws IllegalArgumentException as {@link RocCurve#of(double[], boolean[], double[])}, or if a variable has a
     *     different number of jets
     */
    public static RocScan of(double[] scores, boolean[] signal, double[] weights, List<BinnedVariable> variables) {
        RocInput.check(scores, signal, weights);
        byte[] role = new byte[scores.length];
        for (int i = 0; i < role.length; i++) {
            role[i] = signal[i] ? SIGNAL : BACKGROUND;
        }
        return scan(scores, role, weights, JetBins.of(variables, scores.length));
    }

    /**
     * Scans the jets a flavour selection keeps, straight from per-jet truth codes (no intermediate copies).
     *
     * @param scores one score per jet (all N jets; only the kept ones must be finite)
     * @param truthCodes one truth code per jet
     * @param selection which codes are signal and which background
     * @param weights one weight per jet, or {@code null} for unit weights (only the kept ones are checked)
     * @param variables the binned variables, each of the same N jets (may be empty)
     * @return the scan of the kept jets
     * @throws IllegalArgumentException if the lengths differ, a kept score or weight is invalid (the message names the
     *     array and the index in the full arrays), or the kept jets lack a class
     */
    public static RocScan of(double[] scores, int[] truthCodes, FlavourSelection selection, double[] weights,
            List<BinnedVariable> variables) {
        return of(scores, truthCodes, selection, weights, JetBins.of(variables, scores.length));
    }

    /**
     * As {@link #of(double[], int[], FlavourSelection, double[], List)}, with the jets' bins packed once
     * ({@link JetBins}) and shared by several scans.
     *
     * @param scores one score per jet
     * @param truthCodes one truth code per jet
     * @param selection which codes are signal and which background
     * @param weights one weight per jet, or {@code null}
     * @param bins the binned variables of the same jets
     * @return the scan of the kept jets
     * @throws IllegalArgumentException as {@link #of(double[], int[], FlavourSelection, double[], List)}
     */
    public static RocScan of(double[] scores, int[] truthCodes, FlavourSelection selection, double[] weights,
            JetBins bins) {
        Objects.requireNonNull(scores, "scores");
        if (truthCodes.length != scores.length || (weights != null && weights.length != scores.length)) {
            throw new IllegalArgumentException("scores has " + scores.length + " entries, truthCodes "
                + truthCodes.length + (weights == null ? "" : ", weights " + weights.length) + "; lengths must match");
        }
        byte[] table = new byte[64];
        for (int code = 0; code < table.length; code++) {
            table[code] = roleOf(selection, code);
        }
        byte[] role = new byte[scores.length];
        for (int i = 0; i < role.length; i++) {
            int code = truthCodes[i];
            role[i] = code >= 0 && code < table.length ? table[code] : roleOf(selection, code);
        }
        return scan(scores, role, weights, bins);
    }

    private static final byte LEFT_OUT = 0;
    private static final byte SIGNAL = 1;
    private static final byte BACKGROUND = 2;

    private static byte roleOf(FlavourSelection selection, int code) {
        if (selection.signal().contains(code)) {
            return SIGNAL;
        }
        return selection.keeps(code) ? BACKGROUND : LEFT_OUT;
    }

    /** The keys, cells and weights of one class, in input order until sorted. */
    private static final class ClassKeys {
        final long[] keys;
        final int[] cells;
        final double[] weights;
        final int[][] counts = SortableKeys.newCounts();
        int size;

        ClassKeys(int n, boolean weighted) {
            keys = new long[n];
            cells = new int[n];
            weights = weighted ? new double[n] : null;
        }

        void add(long key, int cell, double w) {
            keys[size] = key;
            cells[size] = cell;
            if (weights != null) {
                weights[size] = w;
            }
            size++;
            SortableKeys.count(counts, key);
        }

        void sort() {
            SortableKeys.sortWithPayload(keys, cells, weights, size, counts);
        }
    }

    private static RocScan scan(double[] scores, byte[] role, double[] weights, JetBins bins) {
        if (bins.jets() != scores.length) {
            throw new IllegalArgumentException("the binned variables have " + bins.jets() + " jets, the scores "
                + scores.length);
        }
        int nSignal = 0;
        int nBackground = 0;
        for (byte r : role) {
            if (r == SIGNAL) {
                nSignal++;
            } else if (r == BACKGROUND) {
                nBackground++;
            }
        }
        if (nSignal == 0 || nBackground == 0) {
            RocInput.requireBothClasses(ClassTotals.unweighted(nSignal), ClassTotals.unweighted(nBackground));
        }
        ClassKeys sig = new ClassKeys(nSignal, weights != null);
        ClassKeys bkg = new ClassKeys(nBackground, weights != null);
        for (int i = 0; i < scores.length; i++) {
            byte r = role[i];
            if (r == LEFT_OUT) {
                continue;
            }
            double s = scores[i];
            if (!Double.isFinite(s)) {
                throw new InvalidEntryException(InvalidEntryException.Array.SCORES, i, s, "scores must be finite");
            }
            double w = 1;
            if (weights != null) {
                w = weights[i];
                if (!Double.isFinite(w) || w < 0) {
                    throw new InvalidEntryException(InvalidEntryException.Array.WEIGHTS, i, w,
                        "weights must be finite and non-negative");
                }
            }
            (r == SIGNAL ? sig : bkg).add(SortableKeys.encode(s), bins.cell(i), w);
        }
        if (nSignal + nBackground >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(sig::sort);
            bkg.sort();
            task.join();
        } else {
            sig.sort();
            bkg.sort();
        }
        List<BinnedVariable> vars = bins.variables();
        WalkOrder order = vars.isEmpty() ? null : new WalkOrder(sig.cells, sig.weights, bkg.cells, bkg.weights);
        ScoreBlocks blocks = ScoreBlocks.merge(sig.keys, sig.weights, bkg.keys, bkg.weights, order);
        AucEstimate auc = AucEstimate.fromBlocks(blocks); // before fromBlocks divides the sums in place
        RocCurve roc = RocCurve.fromBlocks(blocks);
        int[] offset = new int[vars.size()];
        int width = 0;
        for (int k = 0; k < vars.size(); k++) {
            offset[k] = width;
            width += vars.get(k).binning().bins() + 1;
        }
        int[][] slotOfCell = bins.slotOfCell();
        SlotSums sigSums = vars.isEmpty() ? null
            : new SlotSums(sig.keys, sig.cells, sig.weights, nSignal, slotOfCell, offset, width);
        SlotSums bkgSums = vars.isEmpty() ? null
            : new SlotSums(bkg.keys, bkg.cells, bkg.weights, nBackground, slotOfCell, offset, width);
        return new RocScan(roc, auc, vars, sigSums, bkgSums, order, slotOfCell, offset, weights != null);
    }

    /**
     * The ROC curve of all kept jets.
     *
     * @return the curve, equal to {@link RocCurve#of(double[], boolean[])} (or the weighted form) of those jets
     */
    public RocCurve roc() {
        return roc;
    }

    /**
     * The AUC of all kept jets with DeLong's standard error.
     *
     * @return the estimate, equal to {@link AucEstimate#delong(double[], boolean[])} (or the weighted form)
     */
    public AucEstimate auc() {
        return auc;
    }

    /**
     * The binned variables, in the order given.
     *
     * @return the variables
     */
    public List<BinnedVariable> variables() {
        return variables;
    }

    /**
     * The ROC performance in each bin of a variable.
     *
     * @param variable the variable's index in {@link #variables()}
     * @param overflow whether jets at or above the last edge are left out or counted in the last bin
     * @param maxPoints the most points each bin's stored curve keeps ({@link RocCurve#thinned(int)}), at least 2;
     *     the AUCs are always those of the full curves
     * @return one result per bin
     * @throws IllegalArgumentException if {@code maxPoints < 2}, or the kept jets have more than 2^30 - 1 distinct
     *     scores (the recorded walk numbers them in 30 bits)
     * @throws IndexOutOfBoundsException if there is no such variable
     */
    public BinnedRoc binned(int variable, Overflow overflow, int maxPoints) {
        Objects.checkIndex(variable, variables.size());
        Objects.requireNonNull(overflow, "overflow");
        return binnedAll(overflow, maxPoints).get(variable);
    }

    /** Every variable's bins for one policy and size, computed on first use ({@link BinWalk}) and kept for the next. */
    @SuppressWarnings("unchecked")
    private synchronized List<BinnedRoc> binnedAll(Overflow overflow, int maxPoints) {
        Object[] last = lastBinned;
        if (last != null && last[0] == overflow && (Integer) last[1] == maxPoints) {
            return (List<BinnedRoc>) last[2];
        }
        List<BinnedRoc> results = new BinWalk(order, roc, slotOfCell, variables, overflow, maxPoints).run();
        lastBinned = new Object[] {overflow, maxPoints, results};
        return results;
    }

    /**
     * The signal efficiency at a cut in each bin of a variable, with Clopper&ndash;Pearson intervals.
     *
     * @param variable the variable's index
     * @param cut a jet passes when its score is at least this
     * @param overflow the overflow policy
     * @param confidenceLevel the level of the intervals, in (0, 1)
     * @return the binned efficiency of the signal jets
     */
    public BinnedEfficiency signalPassing(int variable, double cut, Overflow overflow, double confidenceLevel) {
        return passing(variable, cut, overflow, confidenceLevel, true);
    }

    /**
     * The background mistag rate at a cut in each bin of a variable, with Clopper&ndash;Pearson intervals.
     *
     * @param variable the variable's index
     * @param cut a jet passes when its score is at least this
     * @param overflow the overflow policy
     * @param confidenceLevel the level of the intervals, in (0, 1)
     * @return the binned passing fraction of the background jets
     */
    public BinnedEfficiency backgroundPassing(int variable, double cut, Overflow overflow, double confidenceLevel) {
        return passing(variable, cut, overflow, confidenceLevel, false);
    }

    private BinnedEfficiency passing(int variable, double cut, Overflow overflow, double level, boolean signal) {
        if (Double.isNaN(cut)) {
            throw new IllegalArgumentException("the cut is NaN");
        }
        BinnedVariable v = variables.get(variable);
        Binning binning = v.binning();
        int bins = binning.bins();
        SlotSums c = signal ? sig : bkg;
        double[] above = c.above(variable, bins + 1, cut);
        double[] passed = new double[bins];
        double[] total = new double[bins];
        double[] squares = weighted ? new double[bins] : null;
        for (int slot = 0; slot <= bins; slot++) {
            int b = v.binOfSlot(slot, overflow);
            if (b < 0) {
                continue;
            }
            passed[b] += above[slot];
            total[b] += c.total(offset[variable] + slot);
            if (squares != null) {
                squares[b] += c.squares(offset[variable] + slot);
            }
        }
        return BinnedEfficiency.fromSums(binning, passed, total, squares, level);
    }
}
