/**
 * Training of the taggers as in the tutorial's Keras {@code model.fit}: {@link dev.btag.models.train.TaggerTrainer}
 * with Adam and categorical cross-entropy, and a list of {@link dev.btag.models.train.TrainingListener}s in
 * {@link dev.btag.models.train.TrainingOptions} that take part in the run (modelled on DJL's listeners and Keras'
 * callbacks): the tutorial's callbacks {@link dev.btag.models.train.TerminateOnNaN},
 * {@link dev.btag.models.train.EarlyStopping} (restoring the best weights by default, or keeping the last as the
 * notebooks do) and {@link dev.btag.models.train.PlateauLearningRate}, the run's output
 * ({@link dev.btag.models.train.ProgressListener}, {@link dev.btag.models.train.LoggingListener}), atomic checkpoints
 * ({@link dev.btag.models.train.CheckpointListener}) holding every listener's state so that a resumed run repeats an
 * uninterrupted one, and any listener a user adds. Also: per-epoch history, device selection and seeded
 * reproducibility.
 */
package dev.btag.models.train;
