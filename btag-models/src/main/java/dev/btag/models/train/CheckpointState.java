package dev.btag.models.train;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.io.TaggerFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The trainer state in a last-epoch checkpoint, and resuming from it. Entry {@value TaggerTrainer#STATE_ENTRY}:
 * {@code {"formatVersion":2, "epoch":N, "seed":S, "learningRate":R, "listeners":{name: state, ...}}}; entry
 * {@value TaggerTrainer#OPTIMIZER_ENTRY}: {@link TaggerAdam#exportState()}. Stateless.
 */
final class CheckpointState {

    private static final int FORMAT_VERSION = 2;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private CheckpointState() {
    }

    /** The extra entries of a last-epoch checkpoint written at the end of {@code epoch}. */
    static Map<String, byte[]> entries(TrainingContext context, int epoch) {
        JsonObject state = new JsonObject();
        state.addProperty("formatVersion", FORMAT_VERSION);
        state.addProperty("epoch", epoch);
        state.addProperty("seed", context.options().seed());
        state.addProperty("learningRate", context.learningRate());
        JsonObject listeners = new JsonObject();
        for (TrainingListener listener : context.listeners()) {
            JsonObject s = listener.exportState();
            if (s != null) {
                listeners.add(listener.name(), s);
            }
        }
        state.add("listeners", listeners);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(TaggerTrainer.STATE_ENTRY, GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
        entries.put(TaggerTrainer.OPTIMIZER_ENTRY, context.optimizer().exportState());
        return entries;
    }

    /**
     * Restores the tagger's weights and history, the optimiser, the learning rate and the listeners' state from a
     * last-epoch checkpoint.
     *
     * @return the checkpoint's epoch
     */
    static int restore(Path last, TrainingContext context) throws IOException {
        JsonObject state = readState(last);
        int epoch = state.get("epoch").getAsInt();
        Tagger tagger = context.tagger();
        try (Tagger saved = TaggerFile.load(last, Device.cpu())) {
            if (!saved.spec().equals(tagger.spec())) {
                throw new TaggerFormatException(last, "the checkpoint holds a different tagger (" + saved.spec()
                    + ") than the one to train (" + tagger.spec() + "); remove it or train into another directory");
            }
            long seed = state.get("seed").getAsLong();
            if (seed != context.options().seed()) {
                context.log("warning: the checkpoint was trained with seed " + seed + ", resuming with seed "
                    + context.options().seed());
            }
            context.restoreWeights(TrainingContext.weightsOf(saved), epoch);
            tagger.recordHistory(saved.history());
        }
        context.optimizer().importState(TaggerFile.readEntry(last, TaggerTrainer.OPTIMIZER_ENTRY),
            tagger.model().getNDManager());
        context.setLearningRate(state.get("learningRate").getAsFloat());
        context.resumed(epoch);
        restoreListeners(last, state.getAsJsonObject("listeners"), context);
        return epoch;
    }

    private static JsonObject readState(Path last) throws IOException {
        JsonObject state;
        try {
            state = JsonParser.parseString(new String(TaggerFile.readEntry(last, TaggerTrainer.STATE_ENTRY),
                StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new TaggerFormatException(last, "damaged trainer state: " + e.getMessage(), e);
        }
        if (!state.has("listeners") || !state.get("listeners").isJsonObject()) {
            throw new TaggerFormatException(last, "the checkpoint was written by an older btag and holds no listener"
                + " state, so it cannot be resumed exactly; remove it or train into another directory");
        }
        for (String field : new String[] {"epoch", "seed", "learningRate"}) {
            if (!state.has(field)) {
                throw new TaggerFormatException(last, "damaged trainer state: '" + field + "' is missing");
            }
        }
        return state;
    }

    private static void restoreListeners(Path last, JsonObject saved, TrainingContext context) throws IOException {
        Set<String> used = new HashSet<>();
        for (TrainingListener listener : context.listeners()) {
            JsonElement s = saved.get(listener.name());
            if (s == null || !s.isJsonObject()) {
                if (listener.exportState() != null) {
                    context.log("warning: the checkpoint holds no state of listener '" + listener.name()
                        + "'; it starts afresh");
                }
                continue;
            }
            used.add(listener.name());
            try {
                listener.restoreState(context, s.getAsJsonObject());
            } catch (RuntimeException e) {
                throw new TaggerFormatException(last, "damaged state of listener '" + listener.name() + "': "
                    + e.getMessage(), e);
            }
        }
        for (String name : saved.keySet()) {
            if (!used.contains(name)) {
                context.log("warning: the checkpoint holds state of listener '" + name + "', which this run does"
                    + " not have; ignored");
            }
        }
    }
}
