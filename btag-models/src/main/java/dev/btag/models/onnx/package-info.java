/**
 * Taggers that leave the JVM and come in from outside, as ONNX models.
 *
 * <p>{@link dev.btag.models.onnx.OnnxExport} writes a btag tagger as one ONNX graph (standardisation, blocks and
 * softmax inside; inputs and output named by {@link dev.btag.models.onnx.OnnxNames}; metadata by
 * {@link dev.btag.models.onnx.OnnxMetadata}) after checking it in ONNX Runtime against the PyTorch engine
 * ({@link dev.btag.models.onnx.Agreement}). {@link dev.btag.models.onnx.OnnxTagger} runs any ONNX model whose inputs
 * match btag's as a {@link dev.btag.models.predict.JetScorer}, and {@link dev.btag.models.onnx.ModelFiles} opens
 * an ONNX file or a saved btag tagger alike.
 */
package dev.btag.models.onnx;
