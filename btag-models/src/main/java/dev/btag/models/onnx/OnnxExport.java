package dev.btag.models.onnx;

import ai.djl.translate.TranslateException;
import dev.btag.data.schema.TutorialFile;
import dev.btag.io.AtomicOutput;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.Tagger;
import dev.btag.models.TrainingSource;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Exports a tagger as one ONNX graph (see {@link OnnxNames} for its inputs, output and metadata keys and
 * docs/models.md for its use from C++ and Python) and checks it: the graph runs in ONNX Runtime on a sample of jets
 * next to the PyTorch engine, and the export is refused ({@link AgreementException}) when any probability differs
 * by more than the tolerance (default {@value #TOLERANCE}). The file is written only after the check passed, under a
 * temporary name first and then renamed.
 *
 * <pre>{@code
 * try (Tagger tagger = TaggerFile.load(Path.of("lstm/model.btag"))) {
 *     OnnxExport.Result r = OnnxExport.builder().setTagger(tagger).optCheckFile(Path.of("train.npz")).build()
 *         .write(Path.of("lstm.onnx"));
 *     System.out.println(r.agreement().summary());
 * }
 * }</pre>
 *
 * <p>The PyTorch side runs where the tagger's parameters are; load the tagger with {@code Device.cpu()} (as
 * {@code btag export} does) to compare like with like, since a GPU may compute in reduced precision (TF32).
 *
 * <p>The check's jets: the first {@value #CHECK_JETS} jets of the check file; without one, of the training file the
 * saved tagger records, when it is still there (a track tagger's file must be of the tutorial layout; a branch
 * tagger's is read through the tagger's layout); otherwise {@value #CHECK_JETS} random jets, features drawn around
 * the tagger's standardisation constants (normal with its means and scales), standard-normal tracks, and for the
 * branch taggers objects with padding scattered between them and jets without any ({@link RandomJets}). Both engines
 * get the same raw jets; where the tagger standardises a collection, the PyTorch side gets it standardised as
 * {@code TaggerPredictor} does when reading a file, the graph standardises it itself. Immutable.
 */
public final class OnnxExport {

    /** The default largest allowed difference between ONNX Runtime's and the PyTorch engine's probabilities. */
    public static final double TOLERANCE = 1e-5;
    /** The number of jets the check compares. */
    public static final int CHECK_JETS = 4096;

    private final Tagger tagger;
    private final Path checkFile;
    private final double tolerance;
    private final int checkJets;

    private OnnxExport(Builder b) {
        tagger = b.tagger;
        checkFile = b.checkFile;
        tolerance = b.tolerance;
        checkJets = b.checkJets;
    }

    /**
     * Starts a builder; {@link Builder#setTagger(Tagger)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Translates the tagger into a serialised ONNX model, without checking it.
     *
     * @return the model's bytes
     * @throws UnsupportedOperationException if the tagger holds a block that has no ONNX translation
     */
    public byte[] toBytes() {
        return TaggerGraph.build(tagger, OnnxMetadata.of(tagger)).toByteArray();
    }

    /**
     * Translates, checks and writes the tagger.
     *
     * @param out the {@code .onnx} file to write (replaced if present); its directory must exist
     * @return the file, its size and the check's outcome
     * @throws AgreementException if ONNX Runtime and the PyTorch engine disagree; nothing is written
     * @throws IOException if the check file cannot be read or the output cannot be written
     * @throws TranslateException if an engine fails
     */
    public Result write(Path out) throws IOException, TranslateException {
        byte[] model = toBytes();
        Agreement agreement = check(out, model);
        if (!agreement.passed()) {
            throw new AgreementException(out.toString(), agreement);
        }
        AtomicOutput.write(out, stream -> stream.write(model));
        return new Result(out, model.length, agreement);
    }

    /**
     * Runs a serialised model in ONNX Runtime and the tagger on the PyTorch engine on the check's jets.
     *
     * @param name the name to report the model under
     * @param model the serialised model
     * @return the comparison (not thrown when it fails)
     * @throws IOException if the check file cannot be read, or ONNX Runtime refuses the model
     * @throws TranslateException if an engine fails
     */
    public Agreement check(Path name, byte[] model) throws IOException, TranslateException {
        Sample sample = sample();
        float[] pytorch;
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            pytorch = predictor.predict(standardiseCollections(sample.inputs()));
        }
        float[] onnx;
        try (OnnxTagger runtime = OnnxTagger.open(name, model, OnnxTagger.options().optInputsAsExported().build())) {
            onnx = runtime.predict(sample.inputs());
        }
        return Agreement.compare(sample.description(), onnx, pytorch, tagger.spec().classes(), tolerance);
    }

    /** Raw jets to check on, and where they come from. */
    private record Sample(JetInputs inputs, String description) {
    }

    private Sample sample() throws IOException {
        // a track tagger's check reads the tutorial layout (a tagger trained through another layout is checked on
        // random jets); a branch tagger's reads its collections through the tagger's own layout
        boolean branches = tagger.spec().architecture().usesBranches();
        boolean tutorial = tagger.layoutInputs().map(l -> l.layout().isTutorial()).orElse(true);
        Optional<Path> file = Optional.ofNullable(checkFile).or(() -> tagger.trainingSource()
            .map(TrainingSource::file).map(Path::of).filter(Files::isRegularFile)).filter(f -> tutorial || branches);
        if (file.isPresent() && branches) {
            Layout layout = tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
            try (JetFile f = JetFile.open(file.get(), layout)) {
                int n = (int) Math.min(checkJets, f.jetCount());
                List<float[]> objects = new ArrayList<>();
                for (ObjectBranch b : tagger.spec().branches()) {
                    objects.add(f.collection(f.collectionIndex(b.collection()), 0, n));
                }
                return new Sample(new JetInputs(n, f.features(0, n), objects), n + " jets of "
                    + file.get().getFileName());
            }
        }
        if (file.isPresent()) {
            try (TutorialFile f = TutorialFile.open(file.get())) {
                int n = (int) Math.min(checkJets, f.jetCount());
                boolean tracks = tagger.spec().architecture().usesTracks();
                JetInputs inputs = new JetInputs(n, f.features(tagger.inputs().featureSet(), 0, n),
                    tracks ? f.tracks(0, n) : new float[0]);
                return new Sample(inputs, n + " jets of " + file.get().getFileName());
            }
        }
        return new Sample(RandomJets.of(tagger, checkJets, 0), checkJets + " random jets (no check file"
            + tagger.trainingSource().map(s -> "; training file " + s.file() + " not found").orElse("") + ")");
    }

    /**
     * The raw jets as the PyTorch engine takes them: each collection the tagger standardises standardised on its real
     * objects (any variable non-zero), as {@code TaggerPredictor} does when it reads a file; the graph does the same
     * itself. The arrays of collections that enter raw are shared, not copied.
     */
    private JetInputs standardiseCollections(JetInputs raw) {
        List<float[]> collections = new ArrayList<>(raw.collections());
        for (int i = 0; i < collections.size(); i++) {
            CollectionStandardizer cs = BranchGraph.collectionStandardizer(tagger, i);
            if (cs != null) {
                float[] values = collections.get(i).clone();
                cs.applyInPlace(values, RandomJets.realObjects(values, cs.variables().size()));
                collections.set(i, values);
            }
        }
        return new JetInputs(raw.jets(), raw.features(), collections);
    }

    /**
     * A written export.
     *
     * @param file the file written
     * @param bytes its size
     * @param agreement the check's outcome (passed)
     */
    public record Result(Path file, long bytes, Agreement agreement) {
    }

    /** Builds an {@link OnnxExport}. */
    public static final class Builder {
        private Tagger tagger;
        private Path checkFile;
        private double tolerance = TOLERANCE;
        private int checkJets = CHECK_JETS;

        private Builder() {
        }

        /**
         * Sets the tagger to export (required; not closed by the export).
         *
         * @param tagger an initialised tagger
         * @return this builder
         */
        public Builder setTagger(Tagger tagger) {
            this.tagger = Objects.requireNonNull(tagger, "tagger");
            return this;
        }

        /**
         * Sets the tutorial-layout file whose first jets the check compares (default: the recorded training file).
         *
         * @param checkFile the file
         * @return this builder
         */
        public Builder optCheckFile(Path checkFile) {
            this.checkFile = Objects.requireNonNull(checkFile, "checkFile");
            return this;
        }

        /**
         * Sets the largest allowed difference (default {@value OnnxExport#TOLERANCE}).
         *
         * @param tolerance positive and finite
         * @return this builder
         */
        public Builder optTolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Sets how many jets the check compares (default {@value OnnxExport#CHECK_JETS}).
         *
         * @param jets at least 1
         * @return this builder
         */
        public Builder optCheckJets(int jets) {
            this.checkJets = jets;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the export
         * @throws IllegalStateException if no tagger is set
         * @throws IllegalArgumentException for a tolerance that is not positive and finite or fewer than 1 jet
         */
        public OnnxExport build() {
            if (tagger == null) {
                throw new IllegalStateException("an export needs a tagger (setTagger)");
            }
            if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be positive and finite, got " + tolerance);
            }
            if (checkJets < 1) {
                throw new IllegalArgumentException("the check needs at least 1 jet, got " + checkJets);
            }
            return new OnnxExport(this);
        }
    }
}
