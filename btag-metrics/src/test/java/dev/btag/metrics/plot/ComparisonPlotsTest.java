package dev.btag.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.roc.RocCurve;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The plots added for comparisons as physicists draw them (ratio panels, rejection, heat maps with values, reliability
 * diagrams), drawn into {@code target/plot-samples} for a look by eye, and the label rounding they rely on.
 */
class ComparisonPlotsTest {

    private static final Path OUT = Paths.get("target", "plot-samples");

    private static RocCurve gaussianRoc(double separation, int n, long seed) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextDouble() < 0.3;
            scores[i] = random.nextGaussian() + (signal[i] ? separation : 0);
        }
        return RocCurve.of(scores, signal);
    }

    private static void checkPng(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    @Test
    void labelsAreRounded() {
        assertEquals("0.86", PlotStyle.label(0.862230552952024, 2));
        assertEquals("0.0012", PlotStyle.label(0.00123456, 2));
        assertEquals("1.2e-05", PlotStyle.label(0.0000123456, 2));
        assertEquals("300", PlotStyle.label(300, 4));
        assertEquals("2.5", PlotStyle.label(2.5, 4));
        assertEquals(0.87, PlotStyle.roundUp(0.862230552952024));
        assertEquals(0.0014, PlotStyle.roundUp(0.00134));
        assertEquals(1.0, PlotStyle.roundUp(1.0));
        assertEquals(List.of("20\u201330", "30\u201350", "\u2265 50"), HeatMapPlot.binLabels(Binning.of(20, 30, 50,
            80), true));
        assertEquals(List.of("20\u201330", "30\u201350"), HeatMapPlot.binLabels(Binning.of(20, 30, 50), false));
        assertEquals(List.of("0\u20130.6", "\u2265 0.6"), HeatMapPlot.binLabels(Binning.of(0, 0.6, 1.2), true));
    }

    @Test
    void rocRatioPanelAndRejectionAxis() throws IOException {
        RocRatioPlot plot = RocRatioPlot.builder().optTitle("b vs light: rejection and ratio to dnn")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE).optAxisTitles("b-jet efficiency", "light rejection")
            .addCurve("dnn", gaussianRoc(2, 20000, 1)).addCurve("lstm", gaussianRoc(2.3, 20000, 2))
            .addCurve("weak", gaussianRoc(1.2, 20000, 3)).build();
        Path png = plot.save(OUT.resolve("roc-ratio.png"));
        checkPng(png, 800, 750);
        assertTrue(Files.readString(plot.save(OUT.resolve("roc-ratio.svg"))).contains("ratio to dnn"));
        RocPlot rejection = RocPlot.builder().optRejection(true).addCurve("dnn", gaussianRoc(2, 5000, 4)).build();
        checkPng(rejection.save(OUT.resolve("roc-rejection.png")), 800, 600);
        assertThrows(IllegalStateException.class, () -> RocRatioPlot.builder().optReference("nope")
            .addCurve("a", gaussianRoc(1, 100, 5)).build());
    }

    @Test
    void heatMapPrintsRoundedValuesAndLeavesEmptyCellsBlank() throws IOException {
        double[][] eff = {{0.61234, 0.59876, Double.NaN}, {0.70111, 0.6888, 0.65}, {0.7512, 0.74, 0.7}};
        HeatMapPlot plot = HeatMapPlot.builder().optTitle("b efficiency, medium").optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .optAxisTitles("|\u03b7|", "jet pT [GeV]")
            .values(eff, HeatMapPlot.binLabels(Binning.of(20, 50, 100, 200), true),
                HeatMapPlot.binLabels(Binning.of(0, 0.6, 1.2, 2.5), true)).build();
        checkPng(plot.save(OUT.resolve("heatmap.png")), 800, 650);
        assertTrue(Files.readString(plot.save(OUT.resolve("heatmap.svg"))).contains("not CMS data"));
        assertThrows(IllegalArgumentException.class, () -> HeatMapPlot.builder().values(new double[][] {{1, 2}},
            List.of("a"), List.of("x")));
    }

    @Test
    void confusionColourBarEndsAreRound() throws IOException {
        double[][] m = {{0.862230552952024, 0.137769447047976}, {0.2, 0.8}};
        ConfusionMatrixPlot plot = ConfusionMatrixPlot.builder().optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .matrix(m, List.of("b", "light")).build();
        checkPng(plot.save(OUT.resolve("confusion-rounded.png")), 700, 650);
    }

    @Test
    void reliabilityDiagrams() throws IOException {
        Random r = new Random(9);
        int n = 5000;
        double[] p = new double[n];
        boolean[] y = new boolean[n];
        double[] over = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble();
            y[i] = r.nextDouble() < p[i];
            over[i] = Math.min(1, p[i] * p[i]);
        }
        ReliabilityPlot plot = ReliabilityPlot.builder().optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .addDiagram(ReliabilityDiagram.of("calibrated", p, y, null, 10))
            .addDiagram(ReliabilityDiagram.of("under-confident", over, y, null, 10)).build();
        checkPng(plot.save(OUT.resolve("reliability.png")), 700, 650);
        assertTrue(Files.readString(plot.save(OUT.resolve("reliability.svg"))).contains("not CMS data"));
    }

    @Test
    void savingLeavesNoTemporaryFileBehind() throws IOException {
        Path dir = OUT.resolve("atomic");
        RocPlot.builder().addCurve("a", gaussianRoc(1, 500, 1)).build().save(dir.resolve("roc.png"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("roc.png"), files.map(f -> f.getFileName().toString()).toList());
        }
    }
}
