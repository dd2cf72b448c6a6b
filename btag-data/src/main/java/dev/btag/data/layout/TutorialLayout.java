package dev.btag.data.layout;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TrainingClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in tutorial layout, derived from the schema ({@link JetColumn}, {@link JetArray}, {@link TrainingClass},
 * {@link FeatureSet#TUTORIAL}) so that every name is defined once, there. Columns are named by
 * {@link JetColumn#fileName()} (the tutorial's names for columns 0–42, {@code class_b} … {@code truth_phys} for the
 * truth columns, whose tutorial names are expressions).
 */
final class TutorialLayout {

    /** The four object collections, in layout order: seeding tracks first (the track taggers' default). */
    private static final JetArray[] COLLECTIONS = {JetArray.SEEDING_TRACKS, JetArray.NEUTRAL_CANDIDATES,
        JetArray.CHARGED_CANDIDATES, JetArray.SECONDARY_VERTICES};

    static final Layout LAYOUT = build();

    private TutorialLayout() {
    }

    private static Layout build() {
        List<String> columns = new ArrayList<>();
        for (JetColumn column : JetColumn.values()) {
            columns.add(column.fileName());
        }
        List<String> features = FeatureSet.TUTORIAL.columns().stream().map(JetColumn::fileName).toList();
        List<JetClass> classes = new ArrayList<>();
        List<String> b = new ArrayList<>();
        List<String> c = new ArrayList<>();
        List<String> light = new ArrayList<>();
        for (TrainingClass tc : TrainingClass.values()) {
            String name = tc.name().toLowerCase(Locale.ROOT);
            classes.add(new JetClass(name, List.of(), tc.column().fileName()));
            switch (tc.flavour()) {
                case B -> b.add(name);
                case C -> c.add(name);
                default -> light.add(name);
            }
        }
        List<ObjectCollection> collections = new ArrayList<>();
        for (JetArray array : COLLECTIONS) {
            collections.add(new ObjectCollection(collectionName(array), array.entryName(), List.of(),
                array.variableNames(), null, false));
        }
        Layout layout = new Layout(Layout.TUTORIAL, FileFormat.NPZ,
            new JetTable(JetArray.JETS.entryName(), columns, features), new ClassLabel(null, classes, List.of()),
            new FlavourGroups(b, c, light), null,
            new Kinematics(JetColumn.JET_PT.fileName(), JetColumn.JET_ETA.fileName()), collections);
        LayoutRules.check(layout);
        return layout;
    }

    private static String collectionName(JetArray array) {
        return switch (array) {
            case SEEDING_TRACKS -> "tracks";
            case NEUTRAL_CANDIDATES -> "neutral";
            case CHARGED_CANDIDATES -> "charged";
            case SECONDARY_VERTICES -> "vertices";
            default -> throw new IllegalArgumentException(array + " is not an object collection");
        };
    }
}
