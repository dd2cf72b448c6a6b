/**
 * The flavour comparisons a tagger is judged on, as one type: which jets are signal and background, and which
 * discriminant scores them (b vs all with BvsAll, b vs c with BvsC, b vs light+gluon with BvsL, c vs light+gluon with
 * CvsL, c vs b with CvsB).
 */
package dev.btag.metrics.comparison;
