package dev.btag.examples.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link HtmlReport} in headless Chromium, as a person's browser would, and reports how many images
 * the page shows and how many of them failed to load.
 *
 * <p>It runs {@code chromium --headless --dump-dom} on the file and reads the {@code data-images-total} and
 * {@code data-images-broken} attributes that the report's own script sets once the page has loaded. Where no
 * Chromium is installed, {@link #findBrowser()} is empty and callers skip the check.
 */
public final class ReportBrowserCheck {

    private static final Pattern TOTAL = Pattern.compile("data-images-total=\"(\\d+)\"");
    private static final Pattern BROKEN = Pattern.compile("data-images-broken=\"(\\d+)\"");

    private final Path browser;

    /**
     * Uses the given browser executable.
     *
     * @param browser a Chromium or Chrome executable
     */
    public ReportBrowserCheck(Path browser) {
        this.browser = browser;
    }

    /**
     * Finds an installed Chromium: the {@code BTAG_CHROMIUM} environment variable, then {@code /usr/bin/chromium},
     * {@code /usr/bin/chromium-browser} and {@code /usr/bin/google-chrome}.
     *
     * @return the executable, or empty when none is installed
     */
    public static Optional<Path> findBrowser() {
        List<String> candidates = new ArrayList<>();
        String fromEnv = System.getenv("BTAG_CHROMIUM");
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(fromEnv);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /**
     * What the browser showed.
     *
     * @param images the number of {@code <img>} elements on the page
     * @param broken how many of them did not load (missing file, unreadable image)
     */
    public record Result(int images, int broken) {
    }

    /**
     * Loads the report in headless Chromium and counts its images.
     *
     * @param report the report's HTML file
     * @return the counts read from the rendered page
     * @throws IOException if the browser cannot be started, times out after 60 s, or the page did not run its
     *     image check (for example because the file is not a btag report)
     */
    public Result check(Path report) throws IOException {
        Path profile = Files.createTempDirectory("btag-chromium");
        List<String> command = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
            report.toAbsolutePath().toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(report + ": headless Chromium did not finish within 60 s");
            }
            String dom = new String(out, StandardCharsets.UTF_8);
            Matcher total = TOTAL.matcher(dom);
            Matcher broken = BROKEN.matcher(dom);
            if (!total.find() || !broken.find()) {
                throw new IOException(report + ": the rendered page has no image check result"
                    + " (not a btag report, or its script did not run); browser exit code " + process.exitValue());
            }
            return new Result(Integer.parseInt(total.group(1)), Integer.parseInt(broken.group(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(report + ": interrupted while waiting for Chromium", e);
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
