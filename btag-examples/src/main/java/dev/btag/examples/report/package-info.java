/**
 * The tutorial's HTML report: {@link dev.btag.examples.report.HtmlReport} writes it, and
 * {@link dev.btag.examples.report.ReportBrowserCheck} renders it in headless Chromium to prove that every image
 * is present.
 */
package dev.btag.examples.report;
