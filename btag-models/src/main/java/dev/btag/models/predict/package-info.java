/**
 * Prediction with a trained tagger: {@link dev.btag.models.predict.TaggerPredictor} turns raw jet features and
 * tracks into N x 6 class probabilities in bulk, safely from many threads.
 */
package dev.btag.models.predict;
