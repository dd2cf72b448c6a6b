/**
 * Efficiencies (fractions of entries that pass a selection, such as a b-tagging working point) with binomial
 * confidence intervals, overall and in bins of a variable such as jet p<sub>T</sub>.
 *
 * <p>Intervals are Clopper&ndash;Pearson ("exact") intervals, which keep their coverage for small counts and for
 * efficiencies near 0 or 1; the default confidence level is 68.27% (one standard deviation), as in CMS plots.
 * Weighted entries use Kish's effective counts.
 */
package dev.btag.metrics.efficiency;
