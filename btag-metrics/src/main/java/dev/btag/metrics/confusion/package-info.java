/**
 * Confusion matrices of multi-class taggers: counts of (true class, predicted class) pairs, normalised by true class,
 * by predicted class or overall (scikit-learn's {@code normalize='true'|'pred'|'all'}), for the tutorial's six
 * classes and for the coarse b / c / light / gluon view.
 */
package dev.btag.metrics.confusion;
