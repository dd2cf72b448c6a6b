package dev.btag.models.evaluate;

import dev.btag.metrics.workingpoint.WorkingPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An {@link Evaluation} as a few lines of text, for a terminal or a log. */
public final class EvaluationSummary {

    private EvaluationSummary() {
    }

    /**
     * One line per comparison with its AUC (and DeLong error) and the efficiency at the reference working point,
     * then the six-class accuracy.
     *
     * @param e the evaluation
     * @return lines such as {@code b vs light+gluon (BvsL): AUC 0.9120 +- 0.0031, efficiency 0.563 at medium (1%
     *     mistag)}
     */
    public static List<String> lines(Evaluation e) {
        List<String> lines = new ArrayList<>();
        for (ComparisonResult c : e.comparisons()) {
            WorkingPoint ref = c.reference();
            lines.add(String.format(Locale.ROOT, "%s (%s): AUC %.4f +- %.4f, efficiency %.3f at %s (mistag %.3g)",
                c.comparison().name(), c.comparison().discriminant().cmsName(), c.auc().auc(),
                c.auc().standardError(), ref.efficiency(), ref.name(), ref.mistag()));
        }
        lines.add(String.format(Locale.ROOT, "six-class accuracy (undefined jets left out): %.4f",
            e.confusion().accuracy()));
        return lines;
    }
}
