package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BtagCommandTest {

    /** Output and exit code of one run of the command line. */
    record Run(int exitCode, String out, String err) { }

    static Run run(String... args) {
        CommandLine commandLine = BtagCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: btag"), run.out());
        assertTrue(run.out().contains("Commands:"), run.out());
    }

    @Test
    void versionNamesBtag() {
        Run run = run("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("btag "), run.out());
    }

    @Test
    void unknownOptionIsOneLineErrorWithUsageExitCode() {
        Run run = run("--no-such-option");
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--no-such-option"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
    }

    @Test
    void errorsOfNestedCommandsNameTheWholeCommand() {
        Run run = run("bench", "read", "/no/such/file.npz");
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("btag bench read: "), run.err());
        assertTrue(run.err().contains("/no/such/file.npz"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void badValueOfANestedCommandPointsToItsHelp() {
        Run run = run("bench", "roc", "--n", "many");
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().startsWith("btag bench roc: "), run.err());
        assertTrue(run.err().contains("see 'btag bench roc --help'"), run.err());
    }
}
