package dev.btag.spark.score;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OnnxNames;
import dev.btag.models.onnx.OnnxTagger;
import dev.btag.models.predict.JetInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Scores a DataFrame instead of files ({@link SparkScoring#score(Dataset)}): the layout maps its columns to the
 * tagger's inputs. Each of the layout's jet features ({@code jets.features}) is a numeric column of that name; a
 * tagger that reads a collection finds it in the column named after the layout's first collection, an array of
 * float holding the objects' variables object by object (objects x variables values, as in the files). Optional
 * columns are carried over when present: {@code file} (string), {@code row} (long; default: Spark's
 * {@code monotonically_increasing_id}), {@code truth} and {@code class} (int; default 0 and -1), {@code pt},
 * {@code eta} (double; default NaN) and {@code weight} (double; default 1).
 *
 * <p>Each partition is predicted in blocks of {@value #BLOCK} rows with the shipped model. Refused on the driver,
 * before any task: a btag tagger trained through a layout that standardises its collection (the standardisation is
 * applied when reading files only), and a model that reads more than one collection or another collection than the
 * layout's first. Only static methods.
 */
final class FrameScoring {

    /** Rows predicted at a time (a multiple of every btag batch size). */
    static final int BLOCK = 16384;

    private FrameScoring() {
    }

    static Dataset<Row> score(Dataset<Row> input, Path modelFile, boolean logits, Layout layout) throws IOException {
        List<String> features = layout.jets().features();
        List<String> columns = Arrays.asList(input.columns());
        for (String f : features) {
            if (!columns.contains(f)) {
                throw new IllegalArgumentException("DataFrame: no column '" + f + "' (a jet feature of the layout);"
                    + " its columns are " + columns);
            }
        }
        String collection = layout.collections().isEmpty() ? null : layout.collections().get(0).name();
        List<String> read = collectionsRead(modelFile, layout);
        boolean fed = read.isEmpty() || read.size() == 1 && collection != null
            && (read.get(0).equals(collection) || read.get(0).equals(OnnxNames.TRACKS));
        if (!fed) {
            throw new IllegalArgumentException(modelFile + ": the model reads the collections " + read + "; a"
                + " DataFrame feeds one, the layout's first" + (collection == null ? " (the layout has none)"
                : " ('" + collection + "')") + ": score files instead");
        }
        ShippedModel model = ShippedModel.ship(input.sparkSession().sparkContext(), modelFile, logits, layout);
        Dataset<Row> numbered = columns.contains(ScoredJets.ROW) ? input
            : input.withColumn(ScoredJets.ROW, functions.monotonically_increasing_id());
        Columns at = new Columns(numbered.columns(), features, collection);
        JavaRDD<Row> rows = numbered.javaRDD().mapPartitions(new Scorer(model, at));
        return input.sparkSession().createDataFrame(rows, ScoredJets.schema());
    }

    /**
     * The collections the model reads, by name, checked on the driver: an ONNX model opened through the layout (so
     * that a model that does not fit it is refused here, not on an executor), a btag tagger's branches, or
     * {@code tracks} (the layout's first collection) for a track tagger.
     *
     * @throws IllegalArgumentException if the btag tagger standardises its collection (applied to file inputs only)
     */
    private static List<String> collectionsRead(Path modelFile, Layout layout) throws IOException {
        if (ModelFiles.isOnnx(modelFile)) {
            try (OnnxTagger onnx = OnnxTagger.open(modelFile, OnnxTagger.options().optLayout(layout).build())) {
                return onnx.collectionNames();
            }
        }
        try (Tagger tagger = TaggerFile.load(modelFile)) {
            boolean standardised = tagger.layoutInputs().map(LayoutInputs::collectionStandardizers)
                .filter(list -> list.stream().anyMatch(java.util.Objects::nonNull)).isPresent();
            if (standardised && tagger.spec().architecture().usesTracks()) {
                throw new IllegalArgumentException(modelFile + ": the tagger standardises its collection, which"
                    + " only file inputs apply; score files instead of a DataFrame");
            }
            TaggerSpec spec = tagger.spec();
            if (spec.architecture().usesBranches()) {
                return spec.branches().stream().map(ObjectBranch::collection).toList();
            }
            return spec.architecture().usesTracks() ? List.of(OnnxNames.TRACKS) : List.of();
        }
    }

    /** Where each input sits in the DataFrame's rows; -1 for an optional column that is absent. */
    private record Columns(int[] features, int collection, int file, int row, int truth, int cls, int pt, int eta,
            int weight) implements java.io.Serializable {

        Columns(String[] names, List<String> features, String collection) {
            this(features.stream().mapToInt(f -> Arrays.asList(names).indexOf(f)).toArray(),
                collection == null ? -1 : Arrays.asList(names).indexOf(collection), indexOf(names, ScoredJets.FILE),
                indexOf(names, ScoredJets.ROW), indexOf(names, ScoredJets.TRUTH), indexOf(names, ScoredJets.CLASS),
                indexOf(names, ScoredJets.PT), indexOf(names, ScoredJets.ETA), indexOf(names, ScoredJets.WEIGHT));
        }

        private static int indexOf(String[] names, String name) {
            return Arrays.asList(names).indexOf(name);
        }
    }

    /** What each task runs: blocks of rows in, scored rows out. */
    private record Scorer(ShippedModel model, Columns at) implements FlatMapFunction<Iterator<Row>, Row> {

        @Override
        public Iterator<Row> call(Iterator<Row> in) throws TranslateException {
            List<Row> out = new ArrayList<>();
            List<Row> block = new ArrayList<>(BLOCK);
            while (in.hasNext()) {
                block.add(in.next());
                if (block.size() == BLOCK || !in.hasNext()) {
                    score(block, out);
                    block.clear();
                }
            }
            return out.iterator();
        }

        private void score(List<Row> block, List<Row> out) throws TranslateException {
            int n = block.size();
            int f = at.features().length;
            float[] features = new float[n * f];
            List<Float> objects = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Row r = block.get(i);
                for (int j = 0; j < f; j++) {
                    features[i * f + j] = ((Number) r.get(at.features()[j])).floatValue();
                }
                if (at.collection() >= 0) {
                    objects.addAll(r.getList(at.collection()));
                }
            }
            float[] tracks = new float[objects.size()];
            for (int v = 0; v < tracks.length; v++) {
                tracks[v] = objects.get(v);
            }
            ShippedModel.Loaded loaded = model.load();
            float[] probabilities = loaded.scorer().predict(new JetInputs(n, features, tracks));
            int k = loaded.scorer().classes();
            double[][] discriminants = SparkScoring.discriminants(probabilities, model.layout());
            for (int i = 0; i < n; i++) {
                Row r = block.get(i);
                out.add(SparkScoring.row(at.file() < 0 ? "" : r.getString(at.file()), r.getLong(at.row()),
                    at.truth() < 0 ? 0 : r.getInt(at.truth()), at.cls() < 0 ? -1 : r.getInt(at.cls()), probabilities,
                    i, k, discriminants, number(r, at.pt(), Double.NaN), number(r, at.eta(), Double.NaN),
                    number(r, at.weight(), 1.0)));
            }
        }

        private static double number(Row r, int column, double missing) {
            return column < 0 || r.isNullAt(column) ? missing : ((Number) r.get(column)).doubleValue();
        }
    }
}
