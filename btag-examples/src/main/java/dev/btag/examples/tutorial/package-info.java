/**
 * {@code btag tutorial}: the CMS b-tagging hands-on end to end. {@link dev.btag.examples.tutorial.Tutorial} runs
 * generation, input plots, the training and evaluation of the four taggers and the comparisons, and writes
 * {@code report.html} and {@code summary.json}; {@link dev.btag.examples.tutorial.TutorialResult} holds what it
 * measured.
 *
 * <p>Run it from Java:
 * <pre>{@code
 * import dev.btag.examples.tutorial.Tutorial;
 * import dev.btag.examples.tutorial.TutorialResult;
 * import java.nio.file.Path;
 *
 * Tutorial.Config config = Tutorial.Config.defaults(Path.of("tutorial-out"));
 * TutorialResult result = Tutorial.run(config);
 * System.out.println("report: " + result.report());
 * }</pre>
 */
package dev.btag.examples.tutorial;
