/**
 * The five notebooks of the CMS hands-on "Btagging in CMS" (and the lecture's GRU) as small runnable programs, to be
 * read side by side with the notebooks:
 * {@link dev.btag.examples.notebooks.PlotNnInputs} (1, {@code plot_NNinput.ipynb}),
 * {@link dev.btag.examples.notebooks.PlotSeedingTrackFeatures} (2, {@code plot_seedingTrackFeatures.ipynb}),
 * {@link dev.btag.examples.notebooks.KerasDnn} (3, {@code keras_DNN.ipynb}),
 * {@link dev.btag.examples.notebooks.Cnn1x1Btag} (4, {@code CNN1x1_btag.ipynb}),
 * {@link dev.btag.examples.notebooks.LstmBtag} (5, {@code lstm_btag.ipynb}) and
 * {@link dev.btag.examples.notebooks.GruBtag} (the lecture's GRU).
 *
 * <p>Each has a {@code main} (options in {@link dev.btag.examples.notebooks.NotebookOptions}) and a {@code run} that
 * returns its result:
 * <pre>{@code
 * import dev.btag.examples.notebooks.KerasDnn;
 * import dev.btag.examples.notebooks.NotebookOptions;
 * import dev.btag.examples.notebooks.TaggerNotebookResult;
 * import dev.btag.metrics.comparison.FlavourComparison;
 * import java.nio.file.Path;
 *
 * TaggerNotebookResult dnn = KerasDnn.run(NotebookOptions.of(Path.of("dnn-out"), 20000, 20));
 * System.out.println("AUC b vs light+gluon: "
 *     + dnn.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc());
 * }</pre>
 */
package dev.btag.examples.notebooks;
