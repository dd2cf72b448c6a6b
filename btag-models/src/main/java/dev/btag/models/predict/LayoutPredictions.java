package dev.btag.models.predict;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The jets of one or more files read through a {@link Layout}, scored by a tagger of the layout's classes: the N x K
 * class probabilities as the tagger gave them (K the layout's classes, in declaration order) and the class of each
 * jet. {@code btag predict} writes them ({@link #write}) and {@code TaggerEvaluation} evaluates them (with the truth,
 * pT and |&eta;| of {@code TestSample.read(files, layout)}). This record is immutable: its arrays are copied in and
 * out.
 *
 * @param predictions N x K class probabilities, jets in file order then row order
 * @param groups which of the K classes the discriminants treat as b, c and light ({@code groups} of the layout)
 * @param classIndices the class of each jet, 0 … K-1, or -1 for a jet of no class
 * @param synthetic whether any file is btag's synthetic sample
 */
public record LayoutPredictions(Predictions predictions, ClassGroups groups, int[] classIndices, boolean synthetic) {

    /**
     * Checks and copies.
     *
     * @param predictions the probabilities
     * @param groups the class groups
     * @param classIndices the class indices
     * @param synthetic the synthetic flag
     * @throws IllegalArgumentException if the classes or the jet counts disagree
     */
    public LayoutPredictions {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(groups, "groups");
        classIndices = classIndices.clone();
        if (predictions.classes() != groups.size() || classIndices.length != predictions.jets()) {
            throw new IllegalArgumentException(predictions.jets() + " jets x " + predictions.classes() + " classes of"
                + " predictions, " + groups.size() + " classes in the groups and " + classIndices.length + " class"
                + " indices");
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
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            return score(predictor, files, layout);
        }
    }

    /**
     * Scores the files with any scorer (a btag tagger, an ONNX model), one file open at a time.
     *
     * @param scorer the scorer (not closed); it must output the layout's classes
     * @param files the files, scored as one sample in this order
     * @param layout how to read them
     * @return the scored jets
     * @throws IOException if a file cannot be read or does not match the layout (the message names it)
     * @throws IllegalArgumentException if the scorer outputs another number of classes than the layout declares, or
     *     reads other inputs (the message names the file, the input and the field)
     * @throws TranslateException if the engine fails on a batch
     */
    public static LayoutPredictions score(JetScorer scorer, List<Path> files, Layout layout)
        throws IOException, TranslateException {
        ClassGroups groups = LayoutInputs.groups(layout);
        int k = groups.size();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to score");
        }
        if (scorer.classes() != k) {
            throw new IllegalArgumentException(files.get(0) + ": label: the layout declares " + k + " classes "
                + layout.label().names() + ", the tagger outputs " + scorer.classes());
        }
        List<Predictions> parts = new ArrayList<>();
        int[][] classes = new int[files.size()][];
        boolean synthetic = false;
        for (int i = 0; i < files.size(); i++) {
            try (JetFile file = JetFile.open(files.get(i), layout)) {
                parts.add(scorer.predict(file, 0, file.jetCountAsInt()));
                classes[i] = file.classes(0, file.jetCount());
                synthetic |= file.isSynthetic();
            }
        }
        int[] classIndex = Arrays.stream(classes).flatMapToInt(Arrays::stream).toArray();
        return new LayoutPredictions(Predictions.concat(parts), groups, classIndex, synthetic);
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
     * A discriminant of every jet, from the sums of the groups' class probabilities.
     *
     * @param discriminant the discriminant
     * @return N values
     * @throws IllegalArgumentException when the groups do not define it (no c class for {@code BvsC}, say)
     */
    public double[] discriminant(Discriminant discriminant) {
        if (!groups.defines(discriminant)) {
            throw new IllegalArgumentException(discriminant.cmsName() + " needs groups the layout does not declare"
                + " (groups: " + groups + ")");
        }
        return Discriminants.compute(discriminant, groups.collapse(predictions.probabilities()));
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
