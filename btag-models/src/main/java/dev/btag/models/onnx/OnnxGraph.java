package dev.btag.models.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small builder of ONNX graphs over the generated ONNX protobuf classes ({@code ai.onnx.proto.OnnxMl}, shipped by
 * Tribuo's {@code tribuo-util-onnx}): float32 inputs and outputs with named (dynamic) or fixed dimensions, float32
 * and int64 initialisers stored as raw little-endian data, and nodes with int, float and int-list attributes. Every
 * name is made unique by a numeric suffix. Tribuo's own graph builder has no LSTM, GRU, BatchNormalization, MatMul or
 * Transpose operator and only two-dimensional inputs, so btag builds the protobuf messages itself with the same
 * classes. Not thread-safe; one builder per export.
 */
final class OnnxGraph {

    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final int INT64 = OnnxMl.TensorProto.DataType.INT64.getNumber();

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    /**
     * Starts a graph.
     *
     * @param name the graph's name
     */
    OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * Adds a float32 graph input.
     *
     * @param name the input name (must be unused)
     * @param dims each a {@code String} (a named, dynamic dimension) or a {@code Number} (a fixed size)
     * @return the name
     */
    String input(String name, Object... dims) {
        claim(name);
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /**
     * Declares a value as a float32 graph output.
     *
     * @param value the value to expose (it is renamed to {@code name} by an Identity node when the names differ)
     * @param name the output name (must be unused)
     * @param dims its dimensions, as for {@link #input}
     * @return the name
     */
    String output(String value, String name, Object... dims) {
        claim(name);
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(unique("Identity"))
            .addInput(value).addOutput(name));
        graph.addOutput(valueInfo(name, dims));
        return name;
    }

    /**
     * Adds a float32 initialiser.
     *
     * @param name the base name
     * @param values row-major values
     * @param dims the shape; its product must be {@code values.length}
     * @return the unique name given
     */
    String floats(String name, float[] values, long... dims) {
        checkSize(name, values.length, dims);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, FLOAT, bytes, dims);
    }

    /**
     * Adds an int64 initialiser (shapes, axes).
     *
     * @param name the base name
     * @param values the values, one-dimensional
     * @return the unique name given
     */
    String longs(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(name, INT64, bytes, values.length);
    }

    /**
     * Adds a node with one output.
     *
     * @param op the ONNX operator, for example {@code "Gemm"}
     * @param attributes attribute name to value: {@code Long}/{@code Integer}, {@code Float}, {@code long[]} or
     *     {@code String}
     * @param inputs the input value names ({@code ""} for an omitted optional input)
     * @return the unique name of the output value
     */
    String node(String op, Map<String, Object> attributes, String... inputs) {
        return nodeOutputs(op, attributes, new String[] {op.toLowerCase(Locale.ROOT)}, inputs)[0];
    }

    /**
     * Adds a node with several outputs.
     *
     * @param op the ONNX operator
     * @param attributes as for {@link #node}
     * @param outputs base names of the outputs, {@code ""} for an omitted optional output
     * @param inputs the input value names
     * @return the unique output names ({@code ""} where omitted)
     */
    String[] nodeOutputs(String op, Map<String, Object> attributes, String[] outputs, String... inputs) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(unique(op));
        for (String input : inputs) {
            node.addInput(input);
        }
        String[] given = new String[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            given[i] = outputs[i].isEmpty() ? "" : unique(outputs[i]);
            node.addOutput(given[i]);
        }
        attributes.forEach((key, value) -> node.addAttribute(attribute(key, value)));
        graph.addNode(node);
        return given;
    }

    /**
     * Returns the graph built so far.
     *
     * @return the graph message
     */
    OnnxMl.GraphProto build() {
        return graph.build();
    }

    private String initializer(String name, int type, ByteBuffer bytes, long... dims) {
        String unique = unique(name);
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(unique).setDataType(type)
            .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return unique;
    }

    private static void checkSize(String name, int length, long... dims) {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException("initialiser " + name + ": " + length + " values for shape "
                + Arrays.toString(dims));
        }
    }

    private static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Long || value instanceof Integer) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF((Float) value);
        } else if (value instanceof long[]) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : (long[]) value) {
                a.addInts(v);
            }
        } else if (value instanceof String) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom((String) value, StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException("attribute " + name + " has an unsupported value " + value);
        }
        return a.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String) {
                dim.setDimParam((String) d);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
            .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("the graph already has a value named " + name);
        }
    }

    private String unique(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
