/**
 * Depth x width scans of a tagger's dense head, to choose a network by measurement:
 * {@link dev.btag.models.scan.ModelScan} trains every (depth, width) point with
 * {@link dev.btag.models.train.TrainingRun}, several seeds each, in a bounded pool of workers, evaluates each with
 * {@link dev.btag.models.evaluate.TaggerEvaluation}, keeps every finished point on disk so that an interrupted scan
 * resumes where it stopped, and returns a {@link dev.btag.models.scan.ScanResult} (points and per-cell
 * {@link dev.btag.models.scan.CellSummary} over the seeds) that {@link dev.btag.models.scan.ScanOutputs} writes as
 * JSON, CSV, a Markdown table and an AUC heat map.
 */
package dev.btag.models.scan;
