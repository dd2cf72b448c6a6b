/**
 * Tagging discriminants from the six class probabilities of a tagger (b, bb, leptonic b, c, uds, g), with the CMS
 * definitions: B = p(b) + p(bb) + p(leptonic b); BvsAll = B; BvsL = B / (B + p(uds) + p(g)); BvsC = B / (B + p(c));
 * CvsL = p(c) / (p(c) + p(uds) + p(g)); CvsB = p(c) / (p(c) + B).
 */
package dev.btag.metrics.discriminant;
