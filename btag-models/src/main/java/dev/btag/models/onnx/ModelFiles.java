package dev.btag.models.onnx;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens any model btag accepts as a {@link JetScorer}: an {@code .onnx} file (run in ONNX Runtime by
 * {@link OnnxTagger}), a saved btag tagger ({@code .btag}) or a {@code btag train} output directory (run on the
 * PyTorch engine by {@link TaggerPredictor}). Stateless.
 */
public final class ModelFiles {

    /** The extension that marks an ONNX model. */
    public static final String ONNX_EXTENSION = ".onnx";

    private ModelFiles() {
    }

    /**
     * Tells whether a path names an ONNX model (by its extension, ignoring case).
     *
     * @param model the path
     * @return {@code true} for {@code *.onnx}
     */
    public static boolean isOnnx(Path model) {
        Path name = model.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(ONNX_EXTENSION);
    }

    /**
     * Opens a model.
     *
     * @param model an {@code .onnx} file, a {@code .btag} file or a training output directory
     * @param outputKind what an ONNX model's output holds; a btag tagger always gives probabilities
     * @return the scorer; close it
     * @throws IOException if the model is missing or cannot be read (the message names it)
     * @throws IllegalArgumentException if logits are asked of a btag tagger
     */
    public static JetScorer open(Path model, OutputKind outputKind) throws IOException {
        return open(model, outputKind, Layout.tutorial());
    }

    /**
     * Opens a model for files read through a layout: an ONNX model's inputs are matched to the layout's collections
     * ({@link OnnxTagger.Options.Builder#optLayout}), as {@code btag predict} and {@code btag evaluate} do with
     * {@code --layout}; a btag tagger reads whatever layout a file is opened with, so the layout does not change how
     * it is opened.
     *
     * @param model an {@code .onnx} file, a {@code .btag} file or a training output directory
     * @param outputKind what an ONNX model's output holds; a btag tagger always gives probabilities
     * @param layout the layout the files will be read with
     * @return the scorer; close it
     * @throws IOException if the model is missing or cannot be read, or an ONNX model's inputs do not match the
     *     layout (the message names the model)
     * @throws IllegalArgumentException if logits are asked of a btag tagger
     */
    public static JetScorer open(Path model, OutputKind outputKind, Layout layout) throws IOException {
        if (isOnnx(model)) {
            return OnnxTagger.open(model, OnnxTagger.options().optOutputKind(outputKind).optLayout(layout).build());
        }
        if (outputKind == OutputKind.LOGITS) {
            throw new IllegalArgumentException(model + ": logits apply to ONNX models only; a btag tagger gives"
                + " probabilities");
        }
        Tagger tagger = TaggerFile.load(TrainingRun.modelFile(model));
        return new SavedTagger(tagger, new TaggerPredictor(tagger));
    }

    /** A loaded btag tagger and its predictor, closed together. */
    private record SavedTagger(Tagger tagger, TaggerPredictor predictor) implements JetScorer {

        @Override
        public String name() {
            return predictor.name();
        }

        @Override
        public int classes() {
            return predictor.classes();
        }

        @Override
        public float[] predict(JetInputs inputs) throws TranslateException {
            return predictor.predict(inputs);
        }

        @Override
        public Predictions predict(TutorialFile file, int from, int to) throws TranslateException {
            return predictor.predict(file, from, to);
        }

        @Override
        public Predictions predict(JetFile file, int from, int to) throws TranslateException {
            return predictor.predict(file, from, to);
        }

        @Override
        public void close() {
            predictor.close();
            tagger.close();
        }
    }
}
