package dev.btag.examples.notebooks;

import dev.btag.data.schema.JetArray;
import dev.btag.models.inputs.InputPlots;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Notebook 1, {@code plot_NNinput.ipynb}: the jet-level variables of {@code arr_0} (kinematics, numbers of particles
 * and vertices, the CSV b-tagging variables) as normalised histograms for b, c, light and gluon jets, and the ROC
 * curve of one variable, {@code TagVarCSV_trackSip2dSigAboveCharm}, for b vs all, b vs c and b vs light+gluon.
 *
 * <p>Where the notebook does {@code plt.hist(arr_0[isB, i], density=True)} per category and
 * {@code roc_curve(isB, arr_0[:, 11])}, this calls {@link InputPlots#write} on the training file, which draws every
 * variable (linear and log y), the ROC with its AUCs, and an {@code index.html} gallery.
 */
public final class PlotNnInputs {

    private PlotNnInputs() {
    }

    /**
     * Runs the notebook.
     *
     * @param options the files and output directory (plots go to {@code OUT/nn-inputs})
     * @return what was plotted, with the single-variable AUCs
     * @throws IOException if a file cannot be read or written
     */
    public static InputPlots.Result run(NotebookOptions options) throws IOException {
        InputPlots.Result result = InputPlots.write(options.files().train(), options.out().resolve("nn-inputs"),
            EnumSet.of(JetArray.JETS));
        System.out.println("plotted " + result.variables().size() + " jet variables: " + result.index());
        result.aucs().forEach((comparison, auc) -> System.out.printf(Locale.ROOT, "ROC of %s, %s: AUC = %.4f%n",
            InputPlots.ROC_VARIABLE.columnName(), comparison, auc));
        return result;
    }

    /**
     * Command-line entry point; options as in {@link NotebookOptions}.
     *
     * @param args the arguments
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        run(NotebookOptions.parse(args));
    }
}
