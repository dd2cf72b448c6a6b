package dev.btag.models.evaluate;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.discriminant.Discriminants;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The truth of a test sample, what an evaluation compares predictions with: per jet its integer truth code (column
 * 50 of the tutorial's jet table: b = 5, c = 4, light = 1, gluon = 21, undefined = 0), its six one-hot training
 * classes (columns 43 to 48, all zero for undefined jets) and its transverse momentum. This record is immutable:
 * its arrays are copied in and out.
 *
 * @param source the file the sample was read from, or {@code null} for a sample built in memory
 * @param truthCodes one integer truth code per jet
 * @param oneHot row-major N x 6 one-hot labels in the order b, bb, leptonic b, c, uds, g
 * @param pt jet pT in GeV per jet (column 0, {@code jet_pt})
 * @param synthetic whether the sample is btag's synthetic sample (then every output made from it says so)
 */
public record TestSample(Path source, int[] truthCodes, float[] oneHot, double[] pt, boolean synthetic) {

    /**
     * Copies and checks the arrays.
     *
     * @param source the source file or {@code null}
     * @param truthCodes the truth codes
     * @param oneHot the one-hot labels
     * @param pt the jet pT values
     * @param synthetic whether the sample is synthetic
     * @throws IllegalArgumentException if the arrays do not describe the same number of jets
     */
    public TestSample {
        truthCodes = Objects.requireNonNull(truthCodes, "truthCodes").clone();
        oneHot = Objects.requireNonNull(oneHot, "oneHot").clone();
        pt = Objects.requireNonNull(pt, "pt").clone();
        int n = truthCodes.length;
        if (oneHot.length != (long) n * Discriminants.CLASSES || pt.length != n) {
            throw new IllegalArgumentException((source == null ? "test sample" : source.toString()) + ": " + n
                + " truth codes, " + oneHot.length + " one-hot values and " + pt.length
                + " pT values do not describe the same jets");
        }
    }

    /**
     * Reads the truth of a tutorial-layout file.
     *
     * @param file the open file
     * @return its truth
     * @throws IllegalArgumentException when truth rows contradict each other (the policy of
     *     {@link dev.btag.data.schema.ValidationReport#requireConsistentTruth()}: refuse, naming the first rows)
     */
    public static TestSample read(TutorialFile file) {
        file.report().requireConsistentTruth();
        float[] ptColumn = file.features(FeatureSet.of("pt", JetColumn.JET_PT), 0, file.jetCount());
        double[] pt = new double[ptColumn.length];
        for (int i = 0; i < pt.length; i++) {
            pt[i] = ptColumn[i];
        }
        return new TestSample(file.path(), file.truthCodes(), file.oneHotLabels(0, file.jetCount()), pt,
            file.isSynthetic());
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
}
