package dev.btag.metrics.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.roc.RocCurve;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Draws every plot into {@code target/plot-samples} (kept for a look by eye) and checks the files: PNG decodes to the
 * requested size, SVG is an SVG document that carries the subtitle.
 */
class PlotsTest {

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

    private static void checkSvg(Path file) throws IOException {
        String svg = Files.readString(file);
        assertTrue(svg.contains("<svg"), "SVG document");
        assertTrue(svg.contains("not CMS data"), "subtitle drawn as text");
    }

    @Test
    void rocPlotWithSeveralCurves() throws IOException {
        RocPlot plot = RocPlot.builder()
            .optTitle("b vs light: ROC")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .optAxisTitles("b-jet efficiency", "light mistag rate")
            .addCurve("strong", gaussianRoc(3, 20000, 1))
            .addCurve("medium", gaussianRoc(1.5, 20000, 2))
            .addCurve("random", gaussianRoc(0, 20000, 3))
            .build();
        checkPng(plot.savePng(OUT.resolve("roc.png")), 800, 600);
        checkSvg(plot.saveSvg(OUT.resolve("roc.svg")));
        assertEquals("b vs light: ROC", plot.figure().title().orElseThrow());
    }

    @Test
    void rocPlotLeavesOutZeroMistagPointsOnALogAxis() {
        RocCurve roc = RocCurve.of(new double[] {5, 4, 3, 2, 1}, new boolean[] {true, true, false, true, false});
        double[][] xy = RocPlot.drawnPoints(roc, true);
        for (double y : xy[1]) {
            assertTrue(y > 0);
        }
        assertEquals(1.0, xy[0][xy[0].length - 1]);
        assertEquals(roc.size(), RocPlot.drawnPoints(roc, false)[0].length);
    }

    @Test
    void rocPlotThinsLongCurves() {
        RocCurve roc = gaussianRoc(2, 200_000, 4);
        double[][] xy = RocPlot.drawnPoints(roc, true);
        assertTrue(xy[0].length < 20_000, "thinned to " + xy[0].length);
        assertEquals(1.0, xy[1][xy[1].length - 1]);
    }

    @Test
    void confusionMatrixHeatmap() throws IOException {
        double[][] m = {{0.61, 0.12, 0.09, 0.05, 0.08, 0.05}, {0.20, 0.50, 0.10, 0.05, 0.05, 0.10},
            {0.15, 0.05, 0.55, 0.10, 0.10, 0.05}, {0.05, 0.02, 0.08, 0.45, 0.25, 0.15},
            {0.02, 0.01, 0.02, 0.10, 0.70, 0.15}, {0.03, 0.02, 0.03, 0.12, 0.30, 0.50}};
        ConfusionMatrixPlot plot = ConfusionMatrixPlot.builder()
            .optTitle("DNN: confusion matrix, normalised per true class")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .matrix(m, List.of("b", "bb", "lepb", "c", "uds", "g"))
            .build();
        checkPng(plot.savePng(OUT.resolve("confusion.png")), 700, 650);
        checkSvg(plot.saveSvg(OUT.resolve("confusion.svg")));
        assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrixPlot.builder().matrix(new double[][] {{1, 2}}, List.of("a", "b")));
    }

    @Test
    void efficiencyVersusPt() throws IOException {
        Random random = new Random(5);
        int n = 5000;
        double[] pt = new double[n];
        boolean[] bTagged = new boolean[n];
        boolean[] lightTagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            pt[i] = 20 + random.nextDouble() * random.nextDouble() * 480;
            bTagged[i] = random.nextDouble() < 0.5 + 0.2 * Math.min(1, pt[i] / 200);
            lightTagged[i] = random.nextDouble() < 0.01 + 0.02 * pt[i] / 500;
        }
        Binning binning = Binning.of(20, 30, 50, 80, 120, 200, 300, 500);
        EfficiencyPlot plot = EfficiencyPlot.builder()
            .optTitle("Medium working point")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .addSeries("b efficiency", BinnedEfficiency.of(binning, pt, bTagged))
            .addSeries("light mistag", BinnedEfficiency.of(binning, pt, lightTagged))
            .optLogY(true)
            .build();
        checkPng(plot.savePng(OUT.resolve("efficiency.png")), 800, 600);
        checkSvg(plot.saveSvg(OUT.resolve("efficiency.svg")));
    }

    @Test
    void overlaidNormalisedHistograms() throws IOException {
        Random random = new Random(6);
        double[][] samples = new double[3][];
        for (int c = 0; c < 3; c++) {
            samples[c] = new double[4000];
            for (int i = 0; i < samples[c].length; i++) {
                samples[c][i] = random.nextGaussian() * (1 + c) + 2 * c;
            }
        }
        samples[0][0] = Double.NaN;
        samples[1][1] = -1000; // a default value far below the range: underflow
        for (boolean logY : new boolean[] {false, true}) {
            HistogramPlot plot = HistogramPlot.builder()
                .optTitle("TagVarCSV_trackSip2dSigAboveCharm")
                .optSubtitle(Figure.SYNTHETIC_SAMPLE)
                .optAxisTitles("significance", "fraction of jets")
                .addCategory("b", samples[2])
                .addCategory("c", samples[1])
                .addCategory("light", samples[0])
                .optLogY(logY)
                .build();
            Path png = OUT.resolve(logY ? "histogram-log.png" : "histogram.png");
            checkPng(plot.savePng(png), 800, 600);
            assertEquals(50, plot.binning().bins());
        }
        HistogramPlot counts = HistogramPlot.builder()
            .addCategory("tracks", new double[] {0, 1, 1, 2, 2, 2, 3, 7})
            .build();
        assertEquals(-0.5, counts.binning().lower(0));
        assertEquals(1.0, counts.binning().upper(0) - counts.binning().lower(0), "unit bins for integer values");
        checkSvg(HistogramPlot.builder().optSubtitle(Figure.SYNTHETIC_SAMPLE).addCategory("a", samples[0]).build()
            .saveSvg(OUT.resolve("histogram.svg")));
    }

    @Test
    void histogramOfACategoryWithoutFiniteValuesStillDraws() throws IOException {
        for (boolean logY : new boolean[] {false, true}) {
            HistogramPlot plot = HistogramPlot.builder()
                .addCategory("all NaN", new double[] {Double.NaN, Double.NaN})
                .addCategory("normal", new double[] {1, 2, 2, 3})
                .optLogY(logY)
                .build();
            checkPng(plot.savePng(OUT.resolve(logY ? "histogram-nan-log.png" : "histogram-nan.png")), 800, 600);
        }
        assertThrows(IllegalStateException.class,
            () -> HistogramPlot.builder().addCategory("only NaN", new double[] {Double.NaN}).build());
    }

    @Test
    void lossCurvesOnALogAxis() throws IOException {
        double[] train = new double[30];
        double[] validation = new double[30];
        for (int e = 0; e < 30; e++) {
            train[e] = 1.7 * Math.exp(-e / 8.0) + 0.6;
            validation[e] = 1.75 * Math.exp(-e / 9.0) + 0.65 + 0.002 * e;
        }
        LinePlot plot = LinePlot.builder()
            .optTitle("DNN training")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .optAxisTitles("epoch", "loss")
            .addSeries("training loss", train)
            .addSeries("validation loss", validation)
            .optLogY(true)
            .build();
        checkPng(plot.save(OUT.resolve("loss.png")), 800, 600);
        checkSvg(plot.save(OUT.resolve("loss.svg")));
        assertThrows(IllegalArgumentException.class, () -> plot.save(OUT.resolve("loss.jpg")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LinePlot.builder().addSeries("bad", new double[] {1, 0}).optLogY(true).build());
        assertTrue(e.getMessage().contains("y[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> LinePlot.builder().addSeries("nan", new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("point 1"), e.getMessage());
    }

    @Test
    void builderMisuseIsReported() {
        assertThrows(IllegalStateException.class, () -> RocPlot.builder().build());
        assertThrows(IllegalStateException.class, () -> LinePlot.builder().build());
        assertThrows(IllegalStateException.class, () -> HistogramPlot.builder().build());
        assertThrows(IllegalStateException.class, () -> ConfusionMatrixPlot.builder().build());
        assertThrows(IllegalArgumentException.class, () -> RocPlot.builder().optMinMistag(0));
        assertThrows(IllegalArgumentException.class, () -> RocPlot.builder().optSize(10, 10));
        RocCurve roc = RocCurve.of(new double[] {1, 0}, new boolean[] {true, false});
        assertThrows(IllegalArgumentException.class, () -> RocPlot.builder().addCurve("a", roc).addCurve("a", roc));
    }
}
