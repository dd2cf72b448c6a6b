package dev.btag.examples.cli;

import ai.djl.Device;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.OnnxExport;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag export}: writes a saved tagger as one ONNX graph with the library's {@link OnnxExport}, after checking
 * it in ONNX Runtime against the PyTorch engine on the CPU (like for like: a GPU may compute in reduced precision);
 * a failed check writes nothing and exits non-zero.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Exports a saved tagger as one ONNX graph (raw inputs in, probabilities out), checked in ONNX"
        + " Runtime against the PyTorch engine.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true,
        description = "A saved tagger (.btag) or a 'btag train' output directory.")
    Path model;

    @Option(names = "--out", required = true, description = "The ONNX file to write, for example tagger.onnx.")
    Path out;

    @Option(names = "--check", paramLabel = "FILE",
        description = "Tutorial-layout file whose first jets the check compares (default: the training file the"
            + " model records, else random jets).")
    Path check;

    @Option(names = "--check-jets", defaultValue = "" + OnnxExport.CHECK_JETS,
        description = "Jets the check compares (default: ${DEFAULT-VALUE}).")
    int checkJets;

    @Option(names = "--tolerance", defaultValue = "" + OnnxExport.TOLERANCE,
        description = "Largest allowed probability difference (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        OnnxExport.Builder builder = OnnxExport.builder().optCheckJets(checkJets).optTolerance(tolerance);
        if (check != null) {
            builder.optCheckFile(check);
        }
        OnnxExport.Result result;
        try (Tagger tagger = TaggerFile.load(TrainingRun.modelFile(model), Device.cpu())) {
            result = builder.setTagger(tagger).build().write(out);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(result.agreement().summary());
        o.println("wrote " + result.file() + " (" + result.bytes() + " bytes)");
        o.flush();
        return 0;
    }
}
