package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything that differs between the tagger architectures, in one object per {@link Architecture} constant: the
 * defaults of {@link TaggerSpec}, the inputs the block reads, the encoder of the per-jet arrays and how its output is
 * summarised per jet, the layers that start the dense head, and the Keras parameter and multiply-accumulate counts of
 * the part before the head. {@link TaggerBlock} and {@link TaggerSpec} hold no per-architecture code; adding an
 * architecture means one new subclass and one new {@link Architecture} constant.
 *
 * <p>Every tagger has the same skeleton: features {@code (B, F)} and the architecture's per-jet arrays go in, the
 * encoder turns the arrays into a per-jet summary {@code (B, W)}, the summary is concatenated after the features,
 * and the dense head (the spec's hidden widths with ReLU and dropout, then the output layer) gives the logits. A
 * saved tagger stores its parameters in block order (children {@code tracks} then {@code head}), so a definition
 * must keep the order and names of the blocks it builds once files exist.
 *
 * <p>Implementations are stateless and thread-safe.
 */
abstract class ArchitectureDefinition {

    /**
     * Returns the dense head of notebooks 4 and 5: 200, then five times 100.
     *
     * @return a new array
     */
    static int[] trackTaggerHead() {
        return new int[] {200, 100, 100, 100, 100, 100};
    }

    /**
     * Returns the default hidden widths of the dense head (the notebook's).
     *
     * @return a new array
     */
    abstract int[] defaultHeadWidths();

    /**
     * Returns the default initialiser of the dense (and 1x1-convolution) kernels (the notebook's).
     *
     * @return the initialiser
     */
    abstract WeightInit defaultWeightInit();

    /**
     * Tells whether the tagger reads the per-jet track array after the features.
     *
     * @return {@code true} when the block's second input is the tracks {@code (B, T, V)}
     */
    abstract boolean usesTracks();

    /**
     * Returns the shapes of the block's inputs: the features, then the per-jet arrays the encoder reads.
     *
     * @param spec the tagger
     * @param batchSize the batch size B
     * @return {@code (B, F)}, then {@code (B, O, V)} per shape of {@link TaggerSpec#collectionShapes()}
     */
    final Shape[] inputShapes(TaggerSpec spec, long batchSize) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(batchSize, spec.featureCount()));
        for (Shape s : spec.collectionShapes()) {
            shapes.add(new Shape(batchSize, s.get(0), s.get(1)));
        }
        return shapes.toArray(new Shape[0]);
    }

    /**
     * Tells whether the tagger is built from {@link ObjectBranch}es, one per collection (the DeepJet-style tagger).
     *
     * @return {@code false} by default
     */
    boolean usesBranches() {
        return false;
    }

    /**
     * Returns the default branches when {@link #usesBranches()}.
     *
     * @return an empty list by default
     */
    List<ObjectBranch> defaultBranches() {
        return List.of();
    }

    /**
     * Builds the block that normalises the features before they join the summary, or returns {@code null} when
     * they join as they are (the default; the DNN normalises them as the first layer of its head instead).
     *
     * @param spec the tagger
     * @return a new block reading {@code (B, F)}, or {@code null}
     */
    Block newFeatureBlock(TaggerSpec spec) {
        return null;
    }

    /**
     * Builds the encoder of the per-jet arrays with its initialisers set, or returns {@code null} when the
     * features alone enter the head.
     *
     * @param spec the tagger
     * @param dropout adds a (registered, reseedable) dropout layer to a sequential block, when the spec's rate is
     *     positive
     * @return a new block reading the inputs after the features, or {@code null}
     */
    abstract Block newEncoder(TaggerSpec spec, Consumer<SequentialBlock> dropout);

    /**
     * Turns the encoder's output into one row per jet.
     *
     * @param encoded the encoder's first output
     * @return {@code (B, W)} with W = {@link #summaryWidth(TaggerSpec)}
     * @throws UnsupportedOperationException for an architecture without an encoder
     */
    abstract NDArray summarise(NDArray encoded);

    /**
     * Returns the width W of the per-jet summary that joins the features.
     *
     * @param spec the tagger
     * @return W, 0 without an encoder
     */
    abstract long summaryWidth(TaggerSpec spec);

    /**
     * Adds the layers that start the dense head, before its first hidden layer (none by default).
     *
     * @param head the head being built
     */
    void addHeadInputLayers(SequentialBlock head) {
    }

    /**
     * Counts the Keras parameters of everything before the dense head (encoder and head input layers), with one
     * bias vector per recurrent gate as Keras has.
     *
     * @param spec the tagger
     * @return the count
     */
    abstract long kerasParametersBeforeHead(TaggerSpec spec);

    /**
     * Counts the multiply-accumulates per jet of everything before the dense head, forward only.
     *
     * @param spec the tagger
     * @return the count
     */
    abstract long macsBeforeHead(TaggerSpec spec);

    /**
     * Returns the width of the head's input: the features followed by the summary.
     *
     * @param spec the tagger
     * @return {@code F + W}
     */
    final long headInputWidth(TaggerSpec spec) {
        return spec.featureCount() + summaryWidth(spec);
    }
}
