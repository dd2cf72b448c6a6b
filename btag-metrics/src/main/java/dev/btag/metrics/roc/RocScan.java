package dev.btag.metrics.roc;

import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.selection.FlavourSelection;
import java.util.ArrayList;
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
 * least the cut (the property tests check all four). The scores are sorted once (radix sort carrying each jet's bins
 * and weight), then one pass from the highest score down accumulates the sample's curve and every bin's curve.
 *
 * <p>Costs: time O(n) for the sort and the pass; memory about 24 bytes per jet per binned variable for the bins'
 * full curves, which a scan keeps until it is dropped (the results it hands out hold thinned curves only). Input
 * checks are those of {@link RocCurve}: scores finite, weights finite and non-negative (the message names the array
 * and the index), both classes present.
 */
public final class RocScan {

    /** Inputs at least this long sort the two classes in parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private final RocCurve roc;
    private final AucEstimate auc;
    private final List<BinnedVariable> variables;
    private final SlotCurve[][] slots;
    private final boolean weighted;

    private RocScan(RocCurve roc, AucEstimate auc, List<BinnedVariable> variables, SlotCurve[][] slots,
            boolean weighted) {
        this.roc = roc;
        this.auc = auc;
        this.variables = variables;
        this.slots = slots;
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
        List<BinnedVariable> vars = bins.variables();
        Cells cells = new Cells(bins);
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
            int cell = cells.of(i);
            cells.count(cell);
            (r == SIGNAL ? sig : bkg).add(SortableKeys.encode(s), cell, w);
        }
        if (nSignal + nBackground >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(sig::sort);
            bkg.sort();
            task.join();
        } else {
            sig.sort();
            bkg.sort();
        }
        return new Pass(sig, bkg, cells, vars, weights != null).run();
    }

    /** The shared bin codes and, for this scan, the number of kept jets per code. */
    private static final class Cells {
        final int[][] slotOfCell;
        final long[] jetsPerCell;
        private final JetBins bins;

        Cells(JetBins bins) {
            this.bins = bins;
            this.slotOfCell = bins.slotOfCell();
            this.jetsPerCell = new long[bins.cells()];
        }

        int of(int jet) {
            return bins.cell(jet);
        }

        void count(int cell) {
            jetsPerCell[cell]++;
        }

        /** The number of kept jets in each slot of a variable. */
        long[] jetsPerSlot(int variable, int slots) {
            long[] out = new long[slots];
            for (int c = 0; c < jetsPerCell.length; c++) {
                int s = slotOfCell[variable][c];
                if (s >= 0) {
                    out[s] += jetsPerCell[c];
                }
            }
            return out;
        }
    }

    /** The pass from the highest score down over both sorted classes. */
    private static final class Pass {
        private final ClassKeys sig;
        private final ClassKeys bkg;
        private final Cells cells;
        private final List<BinnedVariable> variables;
        private final boolean weighted;
        private final SlotCurve[][] slots;
        private final SlotCurve[] touched;
        private int touchedCount;

        Pass(ClassKeys sig, ClassKeys bkg, Cells cells, List<BinnedVariable> variables, boolean weighted) {
            this.sig = sig;
            this.bkg = bkg;
            this.cells = cells;
            this.variables = variables;
            this.weighted = weighted;
            slots = new SlotCurve[variables.size()][];
            int total = 0;
            for (int k = 0; k < slots.length; k++) {
                slots[k] = new SlotCurve[variables.get(k).binning().bins() + 1];
                long[] jets = cells.jetsPerSlot(k, slots[k].length);
                for (int s = 0; s < slots[k].length; s++) {
                    slots[k][s] = new SlotCurve((int) Math.min(Integer.MAX_VALUE - 8, jets[s] + 1));
                }
                total += slots[k].length;
            }
            touched = new SlotCurve[total];
        }

        RocScan run() {
            int capacity = sig.size + bkg.size + 1;
            double[] thresholds = new double[capacity];
            double[] tps = new double[capacity];
            double[] fps = new double[capacity];
            thresholds[0] = Double.POSITIVE_INFINITY;
            double tp = 0;
            double fp = 0;
            double sumS2 = 0;
            double sumB2 = 0;
            int i = sig.size - 1;
            int j = bkg.size - 1;
            int points = 1;
            long[] sk = sig.keys;
            long[] bk = bkg.keys;
            boolean binned = slots.length > 0;
            while (i >= 0 || j >= 0) {
                long key;
                if (i < 0) {
                    key = bk[j];
                } else if (j < 0) {
                    key = sk[i];
                } else {
                    key = Long.compareUnsigned(sk[i], bk[j]) >= 0 ? sk[i] : bk[j];
                }
                while (i >= 0 && sk[i] == key) {
                    double w = weighted ? sig.weights[i] : 1;
                    tp += w;
                    sumS2 += w * w;
                    if (binned) {
                        addToSlots(sig.cells[i], w, true, points);
                    }
                    i--;
                }
                while (j >= 0 && bk[j] == key) {
                    double w = weighted ? bkg.weights[j] : 1;
                    fp += w;
                    sumB2 += w * w;
                    if (binned) {
                        addToSlots(bkg.cells[j], w, false, points);
                    }
                    j--;
                }
                double threshold = SortableKeys.decode(key);
                thresholds[points] = threshold;
                tps[points] = tp;
                fps[points] = fp;
                points++;
                for (int t = 0; t < touchedCount; t++) {
                    touched[t].append(threshold);
                }
                touchedCount = 0;
            }
            ClassTotals signal = weighted ? ClassTotals.weighted(sig.size, tp, sumS2)
                : ClassTotals.unweighted(sig.size);
            ClassTotals background = weighted ? ClassTotals.weighted(bkg.size, fp, sumB2)
                : ClassTotals.unweighted(bkg.size);
            RocInput.requireBothClasses(signal, background);
            ScoreBlocks blocks = new ScoreBlocks(points, thresholds, tps, fps, signal, background);
            AucEstimate auc = AucEstimate.fromBlocks(blocks); // before fromBlocks divides the sums in place
            return new RocScan(RocCurve.fromBlocks(blocks), auc, variables, slots, weighted);
        }

        private void addToSlots(int cell, double w, boolean isSignal, int block) {
            int[][] slotOfCell = cells.slotOfCell;
            for (int k = 0; k < slotOfCell.length; k++) {
                int s = slotOfCell[k][cell];
                if (s < 0) {
                    continue;
                }
                SlotCurve c = slots[k][s];
                if (isSignal) {
                    c.tp += w;
                    c.tpSquares += w * w;
                    c.signalCount++;
                } else {
                    c.fp += w;
                    c.fpSquares += w * w;
                    c.backgroundCount++;
                }
                if (c.lastBlock != block) {
                    c.lastBlock = block;
                    touched[touchedCount++] = c;
                }
            }
        }
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
     */
    public BinnedRoc binned(int variable, Overflow overflow, int maxPoints) {
        BinnedVariable v = variables.get(variable);
        Binning binning = v.binning();
        List<RocBin> bins = new ArrayList<>(binning.bins());
        for (int b = 0; b < binning.bins(); b++) {
            SlotCurve c = curveOfBin(variable, b, overflow);
            ClassTotals s = c.signalTotals(weighted);
            ClassTotals bg = c.backgroundTotals(weighted);
            double upper = overflow == Overflow.LAST_BIN && b == binning.bins() - 1 ? Double.POSITIVE_INFINITY
                : binning.upper(b);
            if (s.count() == 0 || bg.count() == 0 || !(s.weight() > 0) || !(bg.weight() > 0)) {
                bins.add(new RocBin(binning.lower(b), upper, s, bg, new AucEstimate(Double.NaN, Double.NaN), null));
                continue;
            }
            AucEstimate estimate = AucEstimate.fromBlocks(new ScoreBlocks(c.size, c.thresholds, c.tps, c.fps, s, bg));
            RocCurve curve = c.thinned(maxPoints, s, bg);
            bins.add(new RocBin(binning.lower(b), upper, s, bg, estimate, curve));
        }
        return new BinnedRoc(v.name(), binning, overflow, bins);
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
        Binning binning = variables.get(variable).binning();
        int bins = binning.bins();
        double[] passed = new double[bins];
        double[] total = new double[bins];
        double[] squares = weighted ? new double[bins] : null;
        for (int b = 0; b < bins; b++) {
            for (SlotCurve c : slotsOfBin(variable, b, overflow)) {
                int at = c.pointAt(cut);
                passed[b] += signal ? c.tps[at] : c.fps[at];
                total[b] += signal ? c.tp : c.fp;
                if (squares != null) {
                    squares[b] += signal ? c.tpSquares : c.fpSquares;
                }
            }
        }
        return BinnedEfficiency.fromSums(binning, passed, total, squares, level);
    }

    private List<SlotCurve> slotsOfBin(int variable, int bin, Overflow overflow) {
        SlotCurve[] s = slots[variable];
        if (overflow == Overflow.LAST_BIN && bin == s.length - 2) {
            return List.of(s[bin], s[bin + 1]);
        }
        return List.of(s[bin]);
    }

    private SlotCurve curveOfBin(int variable, int bin, Overflow overflow) {
        List<SlotCurve> parts = slotsOfBin(variable, bin, overflow);
        return parts.size() == 1 ? parts.get(0) : SlotCurve.merge(parts.get(0), parts.get(1));
    }
}
