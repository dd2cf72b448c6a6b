package dev.btag.spark.score;

import dev.btag.data.layout.Layout;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.models.LayoutInputs;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes scored jets: the whole frame as Parquet (Spark's committer writes every part under a temporary directory
 * and moves it in place when the job succeeds, so a failed job leaves no partial output), and optionally one
 * {@code predictions.npz} per input file as {@code btag predict} writes it ({@link PredictionsFile}, atomically).
 * This class only holds static methods.
 */
public final class ScoredOutputs {

    /** The Parquet directory's name under the output directory. */
    public static final String PARQUET = "predictions.parquet";
    /** The suffix of a per-file npz: {@code <input name without extension>.predictions.npz}. */
    public static final String NPZ_SUFFIX = ".predictions.npz";

    private ScoredOutputs() {
    }

    /**
     * Writes the frame as Parquet, replacing an earlier output, and reads it back.
     *
     * @param scored the scored jets
     * @param dir the output directory (created if missing)
     * @return the written frame, read from the Parquet files (so later actions do not predict again)
     * @throws IOException if the directory cannot be created
     */
    public static Dataset<Row> writeParquet(Dataset<Row> scored, Path dir) throws IOException {
        FileChecks.createDirectories(dir);
        String at = dir.resolve(PARQUET).toAbsolutePath().toString();
        // no dictionary encoding: scores and probabilities are nearly all distinct, so Parquet would build a dictionary
        // per page only to fall back to plain encoding (most of a task's time in a profile of local[1])
        scored.write().mode(SaveMode.Overwrite).option("parquet.enable.dictionary", "false").parquet(at);
        SparkSession spark = scored.sparkSession();
        return spark.read().parquet(at);
    }

    /**
     * Writes one {@code predictions.npz} per tutorial-layout input file, with the entries of {@code btag predict}:
     * probabilities, truth and the discriminants ({@link #writeNpz(Dataset, List, Layout, Path)} with the tutorial
     * layout).
     *
     * @param scored the scored jets (for example as read back by {@link #writeParquet})
     * @param files the input files, in order
     * @param dir the output directory
     * @return the files written, in input order
     * @throws IOException if a file cannot be written (the message names it)
     * @throws IllegalArgumentException if two inputs share a name (their outputs would collide; the message names
     *     both), or the jets do not have six class probabilities
     */
    public static List<Path> writeNpz(Dataset<Row> scored, List<Path> files, Path dir) throws IOException {
        return writeNpz(scored, files, Layout.tutorial(), dir);
    }

    /**
     * Writes one {@code predictions.npz} per input file, as {@code btag predict --layout} writes it for that file: for
     * the tutorial layout the six probabilities, the integer truth and the five discriminants; for another layout the
     * K probabilities of the layout's classes, the group truth codes and the discriminants of the group sums that the
     * groups define ({@link PredictionsFile#write(Predictions, ClassGroups, int[], Path)}). Each file's rows are
     * collected on the driver in row order (one file at a time).
     *
     * @param scored the scored jets (for example as read back by {@link #writeParquet})
     * @param files the input files, in order
     * @param layout the layout the files were scored through
     * @param dir the output directory
     * @return the files written, in input order
     * @throws IOException if a file cannot be written (the message names it)
     * @throws IllegalArgumentException if two inputs share a name (their outputs would collide; the message names
     *     both), or the jets do not have the layout's number of class probabilities
     */
    public static List<Path> writeNpz(Dataset<Row> scored, List<Path> files, Layout layout, Path dir)
            throws IOException {
        ClassGroups groups = layout.isTutorial() ? null : LayoutInputs.groups(layout);
        Set<String> names = new HashSet<>();
        List<Path> written = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String stem = dot > 0 ? name.substring(0, dot) : name;
            if (!names.add(stem)) {
                throw new IllegalArgumentException(file + ": another input is also named " + stem + "; the per-file"
                    + " npz outputs would collide (rename one, or leave --npz out)");
            }
            List<Row> rows = scored.filter(scored.col(ScoredJets.FILE).equalTo(file.toString()))
                .orderBy(ScoredJets.ROW).select(ScoredJets.PROBABILITIES, ScoredJets.TRUTH).collectAsList();
            int n = rows.size();
            int k = n > 0 ? rows.get(0).getList(0).size() : groups == null ? 6 : groups.size();
            float[] p = new float[n * k];
            int[] truth = new int[n];
            for (int i = 0; i < n; i++) {
                List<Float> row = rows.get(i).getList(0);
                for (int j = 0; j < k; j++) {
                    p[i * k + j] = row.get(j);
                }
                truth[i] = rows.get(i).getInt(1);
            }
            Path out = dir.resolve(stem + NPZ_SUFFIX);
            if (groups == null) {
                PredictionsFile.write(new Predictions(n, k, p), truth, out);
            } else {
                PredictionsFile.write(new Predictions(n, k, p), groups, truth, out);
            }
            written.add(out);
        }
        return written;
    }
}
