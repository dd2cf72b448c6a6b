/**
 * Which jets are signal and which are background in a ROC comparison, from the tutorial's integer truth codes
 * (b = 5, c = 4, light = 1, gluon = 21, undefined = 0) or from its six-class one-hot labels.
 *
 * <p>The signal is always an explicit set of codes. When a comparison names two flavours (b vs c), jets of the other
 * flavours are left out, as in the tutorial and in CMS practice.
 */
package dev.btag.metrics.selection;
