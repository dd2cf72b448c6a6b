package dev.btag.spark.score;

import dev.btag.metrics.discriminant.Discriminant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a scored-jets DataFrame, one row per jet: where it came from ({@value #FILE}, {@value #ROW}), its
 * truth ({@value #TRUTH}: the integer code {@code btag predict} writes, 5 b, 4 c, 1 light, 21 gluon, 0 undefined for
 * the tutorial layout, 5/4/1/0 by the layout's groups otherwise; {@value #CLASS}: the index of its class in the
 * layout's label, -1 for none), the tagger's class probabilities ({@value #PROBABILITIES}, an array of float in the
 * label's class order), one double column per {@link Discriminant} named by its CMS name (computed from the
 * probabilities as {@code btag predict} writes them), the jet pT in GeV ({@value #PT}), &eta; ({@value #ETA}) and the
 * per-jet weight ({@value #WEIGHT}, 1 when the layout declares none). pT and &eta; are NaN when the layout does not
 * declare them. This class only holds constants.
 */
public final class ScoredJets {

    /** The input file's path, as given to the job. */
    public static final String FILE = "file";
    /** The jet's row in its file, from 0. */
    public static final String ROW = "row";
    /** The integer truth code. */
    public static final String TRUTH = "truth";
    /** The class index in the layout's label, -1 for a jet of no class. */
    public static final String CLASS = "class";
    /** The class probabilities (array of float). */
    public static final String PROBABILITIES = "probabilities";
    /** Jet pT in GeV. */
    public static final String PT = "pt";
    /** Jet &eta;. */
    public static final String ETA = "eta";
    /** The per-jet weight. */
    public static final String WEIGHT = "weight";

    private static final StructType SCHEMA = build();

    private ScoredJets() {
    }

    /**
     * The schema of the scored-jets DataFrame, in column order.
     *
     * @return the schema (immutable)
     */
    public static StructType schema() {
        return SCHEMA;
    }

    /**
     * The discriminant columns, in the order of {@link Discriminant#values()}.
     *
     * @return their names ({@code BvsAll}, ...)
     */
    public static List<String> discriminantColumns() {
        List<String> out = new ArrayList<>();
        for (Discriminant d : Discriminant.values()) {
            out.add(d.cmsName());
        }
        return out;
    }

    private static StructType build() {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
        fields.add(DataTypes.createStructField(ROW, DataTypes.LongType, false));
        fields.add(DataTypes.createStructField(TRUTH, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(CLASS, DataTypes.IntegerType, false));
        fields.add(DataTypes.createStructField(PROBABILITIES,
            DataTypes.createArrayType(DataTypes.FloatType, false), false));
        for (String d : discriminantColumns()) {
            fields.add(DataTypes.createStructField(d, DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField(PT, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(ETA, DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField(WEIGHT, DataTypes.DoubleType, false));
        return DataTypes.createStructType(fields);
    }
}
