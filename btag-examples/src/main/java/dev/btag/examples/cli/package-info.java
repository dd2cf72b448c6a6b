/**
 * The {@code btag} command line: one class per subcommand, wired together by
 * {@link dev.btag.examples.cli.BtagCommand}. The command-line contract (options, JSON documents, exit codes) is
 * documented in {@code docs/cli.md}.
 */
package dev.btag.examples.cli;
