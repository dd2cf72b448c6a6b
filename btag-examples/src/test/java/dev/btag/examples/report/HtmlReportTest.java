package dev.btag.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void escapesTextAndShowsBanner() {
        String html = HtmlReport.builder("AUC <b> & co").optBanner("Synthetic sample — not CMS data")
            .section("Models").paragraph("x < y").build().toHtml();
        assertTrue(html.contains("<title>AUC &lt;b&gt; &amp; co</title>"), html);
        assertTrue(html.contains("class=\"banner\" id=\"banner\">Synthetic sample — not CMS data</div>"), html);
        assertTrue(html.contains("<p>x &lt; y</p>"), html);
    }

    @Test
    void tableRowsMustMatchTheHeader() {
        HtmlReport.Builder builder = HtmlReport.builder("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> builder.table(List.of("model", "AUC"), List.of(List.of("dnn"))));
        assertTrue(e.getMessage().contains("row 0 has 1 cells"), e.getMessage());
    }

    @Test
    void writeReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        HtmlReport.builder("new").build().write(file);
        assertTrue(Files.readString(file).contains("<h1>new</h1>"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    /**
     * Renders a report with one good and one missing image in headless Chromium. Under {@code CI=true} a missing
     * browser fails this test; elsewhere it is skipped.
     */
    @Test
    void browserSeesEveryImageAndFlagsTheMissingOne() throws Exception {
        Optional<Path> browser = ReportBrowserCheck.browserRequiredInCi();
        assumeTrue(browser.isPresent(), "no Chromium installed: browser check skipped (outside CI)");
        BufferedImage png = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        assertTrue(ImageIO.write(png, "png", dir.resolve("good.png").toFile()));
        Path file = dir.resolve("report.html");
        HtmlReport.builder("images").gallery(List.of(new HtmlReport.Image("good.png", "present"),
            new HtmlReport.Image("missing.png", "absent"))).build().write(file);

        ReportBrowserCheck.Result result = new ReportBrowserCheck(browser.get()).check(file);
        assertEquals(2, result.images());
        assertEquals(1, result.broken());
        assertFalse(Files.exists(dir.resolve("missing.png")));
    }

    @Test
    void aMissingBrowserFailsUnderCiAndIsSkippedElsewhere() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
            () -> ReportBrowserCheck.requiredInCi(Optional.empty(), "true"));
        assertTrue(failure.getMessage().contains(".ci/run installs Debian's chromium"), failure.getMessage());
        assertThrows(AssertionFailedError.class, () -> ReportBrowserCheck.requiredInCi(Optional.empty(), "TRUE "));
        assertEquals(Optional.empty(), ReportBrowserCheck.requiredInCi(Optional.empty(), null));
        assertEquals(Optional.empty(), ReportBrowserCheck.requiredInCi(Optional.empty(), "false"));
        Path chromium = Path.of("/usr/bin/chromium");
        assertEquals(Optional.of(chromium), ReportBrowserCheck.requiredInCi(Optional.of(chromium), "true"));
    }
}
