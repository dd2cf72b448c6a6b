/**
 * Working points: the score cuts at which a tagger is used, chosen on a ROC curve for a target mistag rate (CMS's
 * loose, medium and tight: 10%, 1% and 0.1% light-jet mistag) or for a target efficiency, with efficiency, mistag rate
 * and rejection and their binomial uncertainties.
 */
package dev.btag.metrics.workingpoint;
