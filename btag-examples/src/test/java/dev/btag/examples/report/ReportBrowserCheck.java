package dev.btag.examples.report;

import java.io.File;
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
import org.junit.jupiter.api.Assertions;

/**
 * Renders an {@link HtmlReport} in headless Chromium, as a person's browser would, and reports how many images
 * the page shows and how many of them failed to load.
 *
 * <p>It runs {@code chromium --headless --dump-dom} on the file and reads the {@code data-images-total} and
 * {@code data-images-broken} attributes that the report's own script sets once the page has loaded.
 *
 * <p>Test code (it lives in the test sources): tests get the browser from {@link #browserRequiredInCi()}, which fails
 * the test under {@code CI=true} when no Chromium can be found ({@code .ci/run} installs Debian's {@code chromium}),
 * so that the check never passes silently in CI; elsewhere the test may skip the check.
 */
public final class ReportBrowserCheck {

    private static final Pattern TOTAL = Pattern.compile("data-images-total=\"(\\d+)\"");
    private static final Pattern BROKEN = Pattern.compile("data-images-broken=\"(\\d+)\"");
    private static final List<String> BROWSER_NAMES = List.of("chromium", "chromium-browser", "google-chrome");

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
     * Finds an installed Chromium: the {@code BTAG_CHROMIUM} environment variable, then {@code chromium},
     * {@code chromium-browser} and {@code google-chrome} on the {@code PATH}, then the same names in
     * {@code /usr/bin}.
     *
     * @return the executable, or empty when none is installed
     */
    public static Optional<Path> findBrowser() {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = System.getenv("BTAG_CHROMIUM");
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(Path.of(fromEnv));
        }
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            for (String name : BROWSER_NAMES) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * The browser for a test: {@link #findBrowser()}, and a test failure instead of an empty result when the
     * environment variable {@code CI} is {@code true}.
     *
     * @return the executable, or empty outside CI when none is installed (the caller then skips its check)
     * @throws org.opentest4j.AssertionFailedError under {@code CI=true} when no browser is found
     */
    public static Optional<Path> browserRequiredInCi() {
        return requiredInCi(findBrowser(), System.getenv("CI"));
    }

    /**
     * The rule of {@link #browserRequiredInCi()}, apart from the environment.
     *
     * @param found the browser found, or empty
     * @param ci the value of the {@code CI} environment variable, or null when unset
     * @return {@code found}
     * @throws org.opentest4j.AssertionFailedError when {@code found} is empty and {@code ci} is {@code true}
     */
    static Optional<Path> requiredInCi(Optional<Path> found, String ci) {
        if (found.isEmpty() && "true".equalsIgnoreCase(ci == null ? "" : ci.strip())) {
            Assertions.fail("CI=true but no Chromium was found (BTAG_CHROMIUM, or " + String.join(", ", BROWSER_NAMES)
                + " on the PATH or in /usr/bin): the report's browser check must run in CI; .ci/run installs"
                + " Debian's chromium when it runs as root (apt-get install chromium)");
        }
        return found;
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
