package dev.btag.examples.notebooks;

import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line options shared by the notebook examples, for example
 * {@code java -cp btag-examples/target/btag.jar dev.btag.examples.notebooks.KerasDnn --out dnn-out --epochs 10}.
 * Without {@code --train}/{@code --test} the examples generate the synthetic sample (the tutorial's two files,
 * {@code --jets} each) into {@code OUT/data}.
 */
public final class NotebookOptions {

    @Option(names = "--train", description = "Training file (tutorial layout); default: generate the synthetic sample.")
    Path train;

    @Option(names = "--test", description = "Test file (tutorial layout); needed with --train.")
    Path test;

    @Option(names = "--out", defaultValue = "notebook-out", description = "Output directory.")
    Path out;

    @Option(names = "--jets", defaultValue = "20000", description = "Jets per generated file.")
    int jets;

    @Option(names = "--epochs", defaultValue = "50", description = "Maximum training epochs.")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of generation and training.")
    long seed;

    /** Creates the defaults: output {@code notebook-out}, 20,000 jets per file, 50 epochs, seed 42. */
    public NotebookOptions() {
        this.out = Path.of("notebook-out");
        this.jets = SyntheticSample.DEFAULT_JETS_PER_FILE;
        this.epochs = 50;
        this.seed = 42L;
    }

    /**
     * Parses command-line arguments.
     *
     * @param args the arguments of an example's {@code main}
     * @return the options
     * @throws CommandLine.ParameterException for an unknown option or a bad value
     */
    public static NotebookOptions parse(String... args) {
        return CommandLine.populateCommand(new NotebookOptions(), args);
    }

    /**
     * Options for a quick run: the given output directory, jets per generated file and epochs, seed 42.
     *
     * @param out the output directory
     * @param jets jets per generated file
     * @param epochs maximum epochs
     * @return the options
     */
    public static NotebookOptions of(Path out, int jets, int epochs) {
        NotebookOptions o = new NotebookOptions();
        o.out = out;
        o.jets = jets;
        o.epochs = epochs;
        return o;
    }

    /**
     * The output directory.
     *
     * @return where the example writes
     */
    public Path out() {
        return out;
    }

    /**
     * The maximum number of training epochs.
     *
     * @return epochs
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The seed.
     *
     * @return the seed of generation and training
     */
    public long seed() {
        return seed;
    }

    /**
     * The two files of the notebooks: the user's, or the synthetic sample generated into {@code OUT/data}.
     *
     * @return the training and test files
     * @throws IOException if the sample cannot be written
     * @throws IllegalArgumentException if only one of {@code --train} and {@code --test} was given
     */
    public SyntheticSample.Files files() throws IOException {
        if ((train == null) != (test == null)) {
            throw new IllegalArgumentException("give both --train and --test, or neither");
        }
        if (train != null) {
            return new SyntheticSample.Files(train, test);
        }
        return SyntheticSample.write(out.resolve("data"), jets, seed);
    }
}
