package dev.btag.models.evaluate;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.ntuple.LayoutMismatchException;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.models.LayoutInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The truth of a test sample, what an evaluation compares predictions with: per jet its integer truth code (column
 * 50 of the tutorial's jet table: b = 5, c = 4, light = 1, gluon = 21, undefined = 0), its six one-hot training
 * classes (columns 43 to 48, all zero for undefined jets), its transverse momentum and |&eta;| (the binned
 * performance and the efficiency maps use both), and optionally a weight per jet. This record is immutable: its
 * arrays are copied in and out. Build one with {@link #read(TutorialFile)} or with the canonical constructor (a
 * reader of another layout fills the same arrays).
 *
 * @param source the file the sample was read from, or {@code null} for a sample built in memory
 * @param truthCodes one integer truth code per jet
 * @param oneHot row-major N x 6 one-hot labels in the order b, bb, leptonic b, c, uds, g
 * @param pt jet pT in GeV per jet (column 0, {@code jet_pt})
 * @param absEta jet |&eta;| per jet (the absolute value of column 1, {@code jet_eta}); NaN where unknown (such jets
 *     are in no |&eta;| bin)
 * @param weights one finite, non-negative weight per jet, or {@code null} for unweighted jets
 * @param synthetic whether the sample is btag's synthetic sample (then every output made from it says so)
 */
public record TestSample(Path source, int[] truthCodes, float[] oneHot, double[] pt, double[] absEta,
        double[] weights, boolean synthetic) {

    /**
     * Copies and checks the arrays.
     *
     * @param source the source file or {@code null}
     * @param truthCodes the truth codes
     * @param oneHot the one-hot labels
     * @param pt the jet pT values
     * @param absEta the jet |eta| values
     * @param weights the weights, or {@code null}
     * @param synthetic whether the sample is synthetic
     * @throws IllegalArgumentException if the arrays do not describe the same number of jets, or a weight is negative
     *     or not finite (the message names the index)
     */
    public TestSample {
        truthCodes = Objects.requireNonNull(truthCodes, "truthCodes").clone();
        oneHot = Objects.requireNonNull(oneHot, "oneHot").clone();
        pt = Objects.requireNonNull(pt, "pt").clone();
        absEta = Objects.requireNonNull(absEta, "absEta").clone();
        weights = weights == null ? null : weights.clone();
        int n = truthCodes.length;
        if (oneHot.length != (long) n * Discriminants.CLASSES || pt.length != n || absEta.length != n
            || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException(name(source) + ": " + n + " truth codes, " + oneHot.length
                + " one-hot values, " + pt.length + " pT values, " + absEta.length + " |eta| values"
                + (weights == null ? "" : " and " + weights.length + " weights") + " do not describe the same jets");
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                    throw new IllegalArgumentException(name(source) + ": weights[" + i + "] is " + weights[i]
                        + "; weights must be finite and non-negative");
                }
            }
        }
    }

    /**
     * A sample without |&eta;| and without weights, as before |&eta;| was part of the sample: every |&eta;| is NaN,
     * so the |&eta;| bins and the efficiency maps stay empty.
     *
     * @param source the source file or {@code null}
     * @param truthCodes the truth codes
     * @param oneHot the one-hot labels
     * @param pt the jet pT values
     * @param synthetic whether the sample is synthetic
     */
    public TestSample(Path source, int[] truthCodes, float[] oneHot, double[] pt, boolean synthetic) {
        this(source, truthCodes, oneHot, pt, nan(truthCodes.length), null, synthetic);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static String name(Path source) {
        return source == null ? "test sample" : source.toString();
    }

    /**
     * Reads the truth, pT and |&eta;| of a tutorial-layout file (unweighted).
     *
     * @param file the open file
     * @return its truth
     * @throws IllegalArgumentException when truth rows contradict each other (the policy of
     *     {@link dev.btag.data.schema.ValidationReport#requireConsistentTruth()}: refuse, naming the first rows)
     */
    public static TestSample read(TutorialFile file) {
        file.report().requireConsistentTruth();
        float[] ptColumn = file.column(JetColumn.JET_PT);
        float[] etaColumn = file.column(JetColumn.JET_ETA);
        double[] pt = new double[ptColumn.length];
        double[] absEta = new double[etaColumn.length];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = ptColumn[i];
            absEta[i] = Math.abs(etaColumn[i]);
        }
        return new TestSample(file.path(), file.truthCodes(), file.oneHotLabels(0, file.jetCount()), pt, absEta,
            null, file.isSynthetic());
    }

    /**
     * Reads the truth, pT, |&eta;| and weights of files read through a layout, together in the order given: the
     * truth codes and six-slot one-hot rows of the layout's groups ({@link ClassGroups#truthCodes},
     * {@link ClassGroups#collapseOneHot}: b 5, c 4, light 1, any other class or none 0), pT from
     * {@code kinematics.pt} (-1 for every jet without one, so no jet falls in a pT bin), |&eta;| from
     * {@code kinematics.eta} (NaN without one) and the weights from the layout's {@code weight} field (unweighted
     * when it declares none; {@link EvaluationWeights} chooses otherwise). The tutorial layout keeps the tutorial's
     * codes and six one-hot classes instead: the files' {@link #read(TutorialFile)}, joined.
     *
     * @param files one or more files
     * @param layout how to read them
     * @return their truth; {@code source} is the file when there is one, else {@code null}
     * @throws IOException if a file cannot be read or does not match the layout, or a declared weight is negative or
     *     not finite (the message names the file, the field, the first bad row and how many there are)
     */
    public static TestSample read(List<Path> files, Layout layout) throws IOException {
        return read(files, layout, true);
    }

    /** As {@link #read(List, Layout)}; {@code withWeights} false leaves the layout's weight field unread. */
    static TestSample read(List<Path> files, Layout layout, boolean withWeights) throws IOException {
        if (layout.isTutorial()) {
            List<TestSample> parts = new ArrayList<>();
            for (Path path : files) {
                try (TutorialFile file = TutorialFile.open(path)) {
                    parts.add(read(file));
                }
            }
            return parts.size() == 1 ? parts.get(0) : concat(parts);
        }
        ClassGroups groups = LayoutInputs.groups(layout);
        List<int[]> classes = new ArrayList<>();
        List<double[]> pts = new ArrayList<>();
        List<double[]> etas = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        boolean weighted = withWeights && layout.weight().isPresent();
        boolean synthetic = false;
        for (Path path : files) {
            try (JetFile file = JetFile.open(path, layout)) {
                long n = file.jetCount();
                classes.add(file.classes(0, n));
                pts.add(file.hasPt() ? file.pt(0, n) : filled(Math.toIntExact(n), -1));
                double[] eta = file.hasEta() ? file.eta(0, n) : filled(Math.toIntExact(n), Double.NaN);
                for (int i = 0; i < eta.length; i++) {
                    eta[i] = Math.abs(eta[i]);
                }
                etas.add(eta);
                if (weighted) {
                    double[] w = file.weights(0, n);
                    requireEvaluable(w, 0, path, "weight '" + layout.weight().orElseThrow() + "'");
                    weights.add(w);
                }
                synthetic |= file.isSynthetic();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        int[] classIndices = classes.stream().flatMapToInt(Arrays::stream).toArray();
        return new TestSample(files.size() == 1 ? files.get(0) : null, groups.truthCodes(classIndices),
            groups.collapseOneHot(classIndices),
            pts.stream().flatMapToDouble(Arrays::stream).toArray(),
            etas.stream().flatMapToDouble(Arrays::stream).toArray(),
            weighted ? weights.stream().flatMapToDouble(Arrays::stream).toArray() : null, synthetic);
    }

    /**
     * Refuses weights an evaluation cannot use: negative or not finite. The working points, DeLong's AUC error, the
     * Clopper-Pearson intervals, the efficiency maps and the calibration are not defined for signed weights, so a
     * negative weight is refused rather than used in some outputs and not in others.
     *
     * @param weights the weights of one file
     * @param firstRow the file row of {@code weights[0]}
     * @param file the file (named in the message)
     * @param field the field or array (named in the message)
     * @throws LayoutMismatchException naming the file, the field, the first bad row and value, and how many there are
     */
    static void requireEvaluable(double[] weights, long firstRow, Path file, String field)
            throws LayoutMismatchException {
        int first = -1;
        long bad = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!evaluable(weights[i])) {
                first = first < 0 ? i : first;
                bad++;
            }
        }
        if (first >= 0) {
            throw unusable(file, field, firstRow + first, weights[first],
                " (" + bad + " of " + weights.length + " weights are negative or not finite)");
        }
    }

    /**
     * Refuses one weight an evaluation cannot use (negative or not finite), as {@link #read(List, Layout)} refuses a
     * file's: for evaluations that see the jets one at a time (a distributed evaluation, say).
     *
     * @param weight the weight
     * @param row the jet's row in its file
     * @param file the file (named in the message)
     * @param field the field or array (named in the message), for example {@code weight 'w'}
     * @throws LayoutMismatchException naming the file, the field, the row and the value
     */
    public static void requireEvaluable(double weight, long row, Path file, String field)
            throws LayoutMismatchException {
        if (!evaluable(weight)) {
            throw unusable(file, field, row, weight, "");
        }
    }

    private static boolean evaluable(double weight) {
        return weight >= 0 && weight != Double.POSITIVE_INFINITY;
    }

    private static LayoutMismatchException unusable(Path file, String field, long row, double weight, String more) {
        return new LayoutMismatchException(file, field, "row " + row + " is " + weight + more + "; an evaluation"
            + " needs finite, non-negative weights (evaluate without these weights, or give finite non-negative ones"
            + " in a weights file)");
    }

    /** Several unweighted samples as one, jets in list order. */
    private static TestSample concat(List<TestSample> parts) {
        int n = parts.stream().mapToInt(TestSample::jets).sum();
        int[] truth = new int[n];
        float[] oneHot = new float[n * Discriminants.CLASSES];
        double[] pt = new double[n];
        double[] absEta = new double[n];
        int at = 0;
        boolean synthetic = false;
        for (TestSample p : parts) {
            System.arraycopy(p.truthCodes, 0, truth, at, p.jets());
            System.arraycopy(p.oneHot, 0, oneHot, at * Discriminants.CLASSES, p.oneHot.length);
            System.arraycopy(p.pt, 0, pt, at, p.jets());
            System.arraycopy(p.absEta, 0, absEta, at, p.jets());
            at += p.jets();
            synthetic |= p.synthetic;
        }
        return new TestSample(null, truth, oneHot, pt, absEta, null, synthetic);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /**
     * The same sample with a weight per jet (for example from {@code btag reweight}).
     *
     * @param weights one finite, non-negative weight per jet, or {@code null} to drop the weights
     * @return a new sample
     * @throws IllegalArgumentException as the constructor
     */
    public TestSample withWeights(double[] weights) {
        return new TestSample(source, truthCodes, oneHot, pt, absEta, weights, synthetic);
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int jets() {
        return truthCodes.length;
    }

    /**
     * Whether the jets carry weights.
     *
     * @return {@code weights() != null}
     */
    public boolean weighted() {
        return weights != null;
    }

    /**
     * The truth codes.
     *
     * @return a copy
     */
    @Override
    public int[] truthCodes() {
        return truthCodes.clone();
    }

    /**
     * The one-hot labels.
     *
     * @return a copy, row-major N x 6
     */
    @Override
    public float[] oneHot() {
        return oneHot.clone();
    }

    /**
     * The jet pT values.
     *
     * @return a copy, in GeV
     */
    @Override
    public double[] pt() {
        return pt.clone();
    }

    /**
     * The jet |&eta;| values.
     *
     * @return a copy
     */
    @Override
    public double[] absEta() {
        return absEta.clone();
    }

    /**
     * The weights.
     *
     * @return a copy, or {@code null} for unweighted jets
     */
    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** The truth codes without a copy, for this package's evaluation code, which must not modify them. */
    int[] truthView() {
        return truthCodes;
    }

    /** The one-hot labels without a copy (read only). */
    float[] oneHotView() {
        return oneHot;
    }

    /** The pT values without a copy (read only). */
    double[] ptView() {
        return pt;
    }

    /** The |eta| values without a copy (read only). */
    double[] absEtaView() {
        return absEta;
    }

    /** The weights without a copy (read only), or {@code null}. */
    double[] weightsView() {
        return weights;
    }

    /**
     * Compares by value.
     *
     * @param other the other object
     * @return whether it is a sample with equal source, arrays and flag
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TestSample s && Objects.equals(source, s.source) && synthetic == s.synthetic
            && Arrays.equals(truthCodes, s.truthCodes) && Arrays.equals(oneHot, s.oneHot) && Arrays.equals(pt, s.pt)
            && Arrays.equals(absEta, s.absEta) && Arrays.equals(weights, s.weights);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(source, synthetic, Arrays.hashCode(truthCodes), Arrays.hashCode(pt));
    }

    /**
     * A summary, not the arrays.
     *
     * @return the source, jet count and flags
     */
    @Override
    public String toString() {
        return "TestSample[" + name(source) + ", " + jets() + " jets" + (weighted() ? ", weighted" : "")
            + (synthetic ? ", synthetic" : "") + "]";
    }
}
