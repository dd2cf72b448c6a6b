/**
 * Calibration of class probabilities: whether a tagger's output read as a probability is one. A reliability diagram
 * bins the predicted probability of a class and compares each bin's mean prediction with the fraction of jets that
 * truly are of that class; the expected calibration error summarises the gap.
 */
package dev.btag.metrics.calibration;
