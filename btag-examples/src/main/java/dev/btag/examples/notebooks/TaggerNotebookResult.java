package dev.btag.examples.notebooks;

import dev.btag.examples.evaluate.EvaluationResult;
import dev.btag.examples.train.TrainingRun;

/**
 * What one of the tagger notebooks ({@link KerasDnn}, {@link Cnn1x1Btag}, {@link LstmBtag}, {@link GruBtag})
 * produced.
 *
 * @param training the training outcome: saved model, history, parameter counts
 * @param evaluation the measurements on the test file (AUCs, working points, confusion matrix)
 * @param summary the printed model summary (layers and parameter counts)
 */
public record TaggerNotebookResult(TrainingRun.Result training, EvaluationResult evaluation, String summary) {
}
