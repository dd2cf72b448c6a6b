package dev.btag.models.predict;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The jets of one or more files read through a {@link Layout}, scored by a tagger of the layout's classes: the N x K
 * class probabilities as the tagger gave them (K the layout's classes, in declaration order), the class of each jet
 * and its pT. {@code btag predict} writes them ({@link #write}) and {@code TaggerEvaluation} evaluates them. This
 * record is immutable: its arrays are copied in and out.
 *
 * @param predictions N x K class probabilities, jets in file order then row order
 * @param groups which of the K classes the discriminants treat as b, c and light ({@code groups} of the layout)
 * @param classIndices the class of each jet, 0 … K-1, or -1 for a jet of no class
 * @param pt the jet pT in GeV ({@code kinematics.pt}), or -1 for every jet when the layout declares none
 * @param synthetic whether any file is btag's synthetic sample
 */
public record LayoutPredictions(Predictions predictions, ClassGroups groups, int[] classIndices, double[] pt,
        boolean synthetic) {

    /**
     * Checks and copies.
     *
     * @param predictions the probabilities
     * @param groups the class groups
     * @param classIndices the class indices
     * @param pt the pT values
     * @param synthetic the synthetic flag
     * @throws IllegalArgumentException if the classes or the jet counts disagree
     */
    public LayoutPredictions {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(groups, "groups");
        classIndices = classIndices.clone();
        pt = pt.clone();
        if (predictions.classes() != groups.size() || classIndices.length != predictions.jets()
            || pt.length != predictions.jets()) {
            throw new IllegalArgumentException(predictions.jets() + " jets x " + predictions.classes() + " classes of"
                + " predictions, " + groups.size() + " classes in the groups, " + classIndices.length + " class"
                + " indices and " + pt.length + " pT values");
        }
    }

    /**
     * Scores the files with a tagger, one file open at a time.
     *
     * @param tagger the tagger (not closed); it must output the layout's classes
     * @param files the files, scored as one sample in this order
     * @param layout how to read them
     * @return the scored jets
     * @throws IOException if a file cannot be read or does not match the layout (the message names it)
     * @throws IllegalArgumentException if the tagger outputs another number of classes than the layout declares, or
     *     reads other inputs (the message names the file, the input and the field)
     * @throws TranslateException if the engine fails on a batch
     */
    public static LayoutPredictions score(Tagger tagger, List<Path> files, Layout layout)
        throws IOException, TranslateException {
        ClassGroups groups = LayoutInputs.groups(layout);
        int k = groups.size();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to score");
        }
        if (tagger.spec().classes() != k) {
            throw new IllegalArgumentException(files.get(0) + ": label: the layout declares " + k + " classes "
                + layout.label().names() + ", the tagger outputs " + tagger.spec().classes());
        }
        float[][] probabilities = new float[files.size()][];
        int[][] classes = new int[files.size()][];
        double[][] pts = new double[files.size()][];
        boolean synthetic = false;
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            for (int i = 0; i < files.size(); i++) {
                try (JetFile file = JetFile.open(files.get(i), layout)) {
                    probabilities[i] = predictor.predict(file).probabilities();
                    long n = file.jetCount();
                    classes[i] = file.classes(0, n);
                    if (file.hasPt()) {
                        pts[i] = file.pt(0, n);
                    } else {
                        pts[i] = new double[Math.toIntExact(n)];
                        Arrays.fill(pts[i], -1);
                    }
                    synthetic |= file.isSynthetic();
                }
            }
        }
        int[] classIndex = Arrays.stream(classes).flatMapToInt(Arrays::stream).toArray();
        double[] pt = Arrays.stream(pts).flatMapToDouble(Arrays::stream).toArray();
        float[] all = new float[classIndex.length * k];
        int at = 0;
        for (float[] part : probabilities) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return new LayoutPredictions(new Predictions(classIndex.length, k, all), groups, classIndex, pt, synthetic);
    }

    /**
     * The class indices.
     *
     * @return a copy
     */
    @Override
    public int[] classIndices() {
        return classIndices.clone();
    }

    /**
     * The pT values.
     *
     * @return a copy
     */
    @Override
    public double[] pt() {
        return pt.clone();
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int jets() {
        return predictions.jets();
    }

    /**
     * The truth code of each jet's group: b 5, c 4, light 1, any other class or none 0.
     *
     * @return N codes ({@link ClassGroups#truthCodes})
     */
    public int[] truthCodes() {
        return groups.truthCodes(classIndices);
    }

    /**
     * The one-hot rows of the jets' classes.
     *
     * @return row-major N x K, all zero for a jet of no class
     */
    public float[] oneHot() {
        int k = groups.size();
        float[] out = new float[classIndices.length * k];
        for (int i = 0; i < classIndices.length; i++) {
            if (classIndices[i] >= 0) {
                out[i * k + classIndices[i]] = 1f;
            }
        }
        return out;
    }

    /**
     * Writes {@code predictions.npz} ({@link PredictionsFile#write(Predictions, ClassGroups, int[], Path)}): the
     * N x K probabilities, the group truth codes and the discriminants the groups define.
     *
     * @param path the file to write, atomically
     * @throws IOException if it cannot be written (the message names it)
     */
    public void write(Path path) throws IOException {
        PredictionsFile.write(predictions, groups, truthCodes(), path);
    }
}
