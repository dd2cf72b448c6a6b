package dev.btag.models.io;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small saved taggers and hand-made variants of them for the file-format tests. */
final class TaggerFiles {

    private TaggerFiles() {
    }

    /** @return an initialised, untrained DNN with one hidden layer of 4 (154 parameters), the same on every run */
    static Tagger tinyDnn() {
        Engine.getInstance().setRandomSeed(22);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DNN).optHeadWidths(4).build();
        return Tagger.create(spec, InputSpec.unstandardised(LearnableJets.inputSpec().featureNames(), 10, 21),
            Device.cpu()).initialize();
    }

    /** @return the metadata of a saved tagger, parsed */
    static JsonObject metadata(Path file) throws IOException {
        return JsonParser.parseString(new String(TaggerFile.readEntry(file, TaggerFile.METADATA_ENTRY),
            StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** Adds a two-epoch history to metadata (so that the history fields have values to tamper with). */
    static void addHistory(JsonObject meta) {
        JsonObject history = new JsonObject();
        double[][] columns = {{1, 2}, {1.5, 1.2}, {1.6, 1.3}, {0.4, 0.5}, {0.35, 0.45}, {1e-3, 1e-3}, {2.5, 2.4}};
        String[] names = {"epoch", "loss", "val_loss", "accuracy", "val_accuracy", "lr", "seconds"};
        for (int c = 0; c < names.length; c++) {
            JsonArray a = new JsonArray();
            for (double v : columns[c]) {
                if (c == 0) {
                    a.add((int) v);
                } else {
                    a.add(v);
                }
            }
            history.add(names[c], a);
        }
        meta.add("history", history);
    }

    /** Writes a saved-tagger zip with the given metadata and entries (in order, metadata first). */
    static Path zip(Path file, JsonObject meta, Map<String, byte[]> entries) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(TaggerFile.METADATA_ENTRY, new GsonBuilder().setPrettyPrinting().create().toJson(meta)
            .getBytes(StandardCharsets.UTF_8));
        all.putAll(entries);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
