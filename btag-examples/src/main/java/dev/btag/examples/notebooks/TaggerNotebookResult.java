package dev.btag.examples.notebooks;

import dev.btag.models.ParameterCount;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.train.TrainingResult;
import java.nio.file.Path;

/**
 * What one of the tagger notebooks ({@link KerasDnn}, {@link Cnn1x1Btag}, {@link LstmBtag}, {@link GruBtag})
 * produced.
 *
 * @param training the training outcome: history, best epoch, why it stopped, which weights the model holds
 * @param parameters the tagger's parameter counts in btag
 * @param kerasParameters the same architecture's count as Keras reports it (the notebooks' figure)
 * @param modelFile the saved tagger
 * @param evaluation the measurements on the test file (AUCs, working points, confusion matrix)
 * @param evaluationDirectory where metrics.json, predictions.npz and the plots were written
 * @param summary the printed model summary (layers and parameter counts)
 */
public record TaggerNotebookResult(TrainingResult training, ParameterCount parameters, long kerasParameters,
        Path modelFile, Evaluation evaluation, Path evaluationDirectory, String summary) {
}
