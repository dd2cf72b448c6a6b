/**
 * The tutorial's HTML report: {@link dev.btag.examples.report.HtmlReport} writes it. The tests render it in headless
 * Chromium to prove that every image is present ({@code ReportBrowserCheck}, in the test sources; required under
 * {@code CI=true}).
 */
package dev.btag.examples.report;
