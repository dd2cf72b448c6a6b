package dev.btag.spark.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code btag spark}: scores ({@code predict}) and evaluates ({@code evaluate}) taggers over many files on Apache
 * Spark. Errors are one line on standard error naming the command, with exit code 1 (2 for usage errors), and a
 * stack trace only with {@code --verbose}, as for every {@code btag} command.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
    subcommands = {SparkPredictCommand.class, SparkEvaluateCommand.class},
    description = "Scores and evaluates a tagger over many files on Apache Spark (local[N] or a cluster).")
public final class SparkCommand implements Runnable {

    /** Exit code of a failed command. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean verbose;

    /** For picocli. */
    public SparkCommand() {
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Runs the command and exits with its code ({@code ./btag spark ...} and {@code spark-submit} start here).
     *
     * @param args the arguments after {@code spark}
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code spark}
     * @return the exit code: 0, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
     */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /**
     * Builds the command line with btag's error handling, so that callers (tests) can redirect its streams.
     *
     * @return a fresh command line
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new SparkCommand()).setCommandName("btag spark");
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(prefix(e.getCommandLine()) + e.getMessage() + " (see '"
                + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help')");
            printTrace(e.getCommandLine(), e, err);
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            err.println(prefix(cmd) + oneLine(e));
            printTrace(cmd, e, err);
            return EXIT_FAILURE;
        });
        return commandLine;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ") + ": ";
    }

    private static void printTrace(CommandLine cmd, Exception e, PrintWriter err) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        if (root.getCommand() instanceof SparkCommand s && s.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    /** The message on one line (Spark wraps a task's failure: the innermost cause's message is the one to show). */
    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t.getClass().getName().startsWith("org.apache.spark"))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline).strip();
        return first.isEmpty() ? t.getClass().getSimpleName() : first;
    }
}
