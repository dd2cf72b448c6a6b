package dev.btag.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code btag} command line: the entry point of {@code btag-examples/target/btag.jar} and of the {@code ./btag}
 * launcher at the repository root.
 *
 * <p>Each subcommand is its own class in this package, listed once in the {@code subcommands} attribute below. Errors
 * follow one contract for every subcommand: one line on standard error that names the file and the problem, a
 * non-zero exit code ({@value #EXIT_USAGE} for a bad command line, {@value #EXIT_FAILURE} for a failure while
 * running), and no stack trace unless {@code --verbose} is given.
 */
@Command(
    name = "btag",
    mixinStandardHelpOptions = true,
    versionProvider = BtagCommand.Version.class,
    description = "Jet flavour tagging (b-tagging) on the JVM: NumPy ntuples, the CMS tutorial's taggers, ROC/AUC.",
    subcommands = {
        CommandLine.HelpCommand.class,
        InspectCommand.class,
        LayoutCommand.class,
        ConvertCommand.class,
        GenerateCommand.class,
        PlotInputsCommand.class,
        TrainCommand.class,
        ScanCommand.class,
        EvaluateCommand.class,
        PredictCommand.class,
        ExportCommand.class,
        ReweightCommand.class,
        EfficiencyMapCommand.class,
        RocCommand.class,
        TutorialCommand.class,
        BenchCommand.class,
    })
public final class BtagCommand implements Runnable {

    /** Exit code for an invalid command line (unknown option, missing argument, bad value). */
    public static final int EXIT_USAGE = 2;

    /** Exit code for a failure while running a valid command (unreadable file, bad data, ...). */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the top-level command; used by picocli. */
    public BtagCommand() {
    }

    /** Without a subcommand, prints the usage help and the list of subcommands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the command-line arguments, for example {@code inspect file.npz --json}
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting the JVM; tests and the tutorial call this.
     *
     * @param args the command-line arguments
     * @return the exit code: 0 on success, {@value #EXIT_USAGE} for a bad command line, {@value #EXIT_FAILURE} for
     *     a failure while running
     */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /**
     * Builds the picocli command line with btag's error handling, so callers can redirect its output streams.
     *
     * @return a fresh command line for {@code btag}
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new BtagCommand());
        commandLine.setParameterExceptionHandler(BtagCommand::handleParameterException);
        commandLine.setExecutionExceptionHandler(BtagCommand::handleExecutionException);
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return runLast.execute(parseResult);
            } catch (OutOfMemoryError e) {
                CommandLine cmd = parseResult.subcommands().isEmpty() ? parseResult.commandSpec().commandLine()
                    : lastSubcommand(parseResult).commandSpec().commandLine();
                PrintWriter err = cmd.getErr();
                err.println(prefix(cmd) + "out of memory (" + oneLine(e) + "); give the JVM more with"
                    + " BTAG_JAVA_OPTS=-Xmx8g (the launcher's default is -Xmx4g)");
                if (isVerbose(cmd)) {
                    e.printStackTrace(err);
                }
                err.flush();
                return EXIT_FAILURE;
            }
        });
        return commandLine;
    }

    private static CommandLine.ParseResult lastSubcommand(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (!last.subcommands().isEmpty()) {
            last = last.subcommands().get(last.subcommands().size() - 1);
        }
        return last;
    }

    /** The error-line prefix naming the full command, for example {@code "btag bench read: "}. */
    private static String prefix(CommandLine cmd) {
        String name = qualifiedName(cmd);
        return name.equals("btag") ? "btag: " : "btag " + name + ": ";
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = qualifiedName(cmd);
        err.println(prefix(cmd) + e.getMessage()
            + " (see '" + (name.equals("btag") ? "btag" : "btag " + name) + " --help')");
        if (isVerbose(cmd)) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(prefix(cmd) + oneLine(e));
        if (isVerbose(cmd)) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        return name.startsWith("btag ") ? name.substring("btag ".length()) : name;
    }

    private static boolean isVerbose(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Object command = root.getCommand();
        return command instanceof BtagCommand && ((BtagCommand) command).verbose;
    }

    /** The exception's message on one line, falling back to its type when it has no message. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    /** Reads the version from the resource that Maven fills in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = BtagCommand.class.getResourceAsStream("/btag-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"btag " + properties.getProperty("version", "unknown")};
        }
    }
}
