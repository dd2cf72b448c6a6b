package dev.btag.data.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TruthMappingPropertiesTest {

    @Property
    void oneHotRowMapsToTheIntegerTruthOfItsFlag(@ForAll TruthFlag plain, @ForAll TruthFlag phys) {
        float[] row = new float[JetColumn.COUNT];
        TruthFlag.writeTruthColumns(row, 0, plain, phys);
        int code = TrainingClass.truthCodeOfOneHot(row, 0);
        assertEquals(plain.flavour().truthCode(), code);
        assertEquals(code, (int) row[JetColumn.TRUTH.index()]);
        assertEquals(phys.flavour(), Flavour.fromTruthValue(row[JetColumn.TRUTH_PHYS.index()]));
        assertNull(TutorialFile.truthProblem(row, 0), "a row written from flags is consistent");
        // exactly one training-class column or the undefined flag is set, and it is the flag's class
        int set = 0;
        for (int c = JetColumn.CLASS_B.index(); c <= JetColumn.CLASS_UNDEFINED.index(); c++) {
            set += (int) row[c];
        }
        assertEquals(1, set);
        if (plain.trainingClass() != null) {
            assertEquals(1f, row[plain.trainingClass().column().index()]);
        }
    }

    @Property
    void flavourCodesRoundTrip(@ForAll Flavour flavour) {
        assertEquals(flavour, Flavour.fromTruthCode(flavour.truthCode()));
        assertEquals(flavour, Flavour.fromTruthValue(flavour.truthCode()));
    }

    @Property
    void everyOneHotClassMapsToItsFlavour(@ForAll TrainingClass trainingClass) {
        float[] row = new float[JetColumn.COUNT];
        row[trainingClass.column().index()] = 1f;
        assertEquals(trainingClass.flavour().truthCode(), TrainingClass.truthCodeOfOneHot(row, 0));
    }

    @Property
    void corruptedOneHotRowsAreInvalid(@ForAll("corruptions") float[] oneHot) {
        float[] row = new float[JetColumn.COUNT];
        System.arraycopy(oneHot, 0, row, JetColumn.CLASS_B.index(), 7);
        assertEquals(-1, TrainingClass.truthCodeOfOneHot(row, 0));
        assertNotNull(TutorialFile.truthProblem(row, 0));
    }

    @Provide
    Arbitrary<float[]> corruptions() {
        Arbitrary<float[]> twoSet = Arbitraries.integers().between(0, 6).tuple2()
            .filter(t -> !t.get1().equals(t.get2()))
            .map(t -> {
                float[] v = new float[7];
                v[t.get1()] = 1f;
                v[t.get2()] = 1f;
                return v;
            });
        Arbitrary<float[]> noneSet = Arbitraries.just(new float[7]);
        Arbitrary<float[]> fraction = Arbitraries.integers().between(0, 6).map(i -> {
            float[] v = new float[7];
            v[i] = 0.5f;
            return v;
        });
        Arbitrary<float[]> nan = Arbitraries.integers().between(0, 6).map(i -> {
            float[] v = new float[7];
            v[(i + 1) % 7] = 1f;
            v[i] = Float.NaN;
            return v;
        });
        return Arbitraries.oneOf(twoSet, noneSet, fraction, nan);
    }

    @Property
    void wrongIntegerTruthIsReported(@ForAll TruthFlag plain, @ForAll @IntRange(min = -3, max = 30) int code) {
        float[] row = new float[JetColumn.COUNT];
        TruthFlag.writeTruthColumns(row, 0, plain, plain);
        row[JetColumn.TRUTH.index()] = code;
        String problem = TutorialFile.truthProblem(row, 0);
        if (code == plain.flavour().truthCode()) {
            assertNull(problem);
        } else {
            assertNotNull(problem);
            assertTrue(problem.contains("column 50"), problem);
        }
    }
}
