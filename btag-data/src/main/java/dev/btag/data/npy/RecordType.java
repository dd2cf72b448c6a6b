package dev.btag.data.npy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The element type of a structured (record) array: named numeric fields at fixed byte offsets within a record of
 * {@link #itemSize()} bytes. NumPy users save per-jet tables this way ({@code np.savez(f, jets=table)} with a dtype
 * such as {@code [('pt', '<f4'), ('eta', '<f4'), ('flavour', '<i4')]}), and HDF5 compound datasets have the same
 * shape. This record is immutable.
 *
 * <p>Supported: fields of any numeric {@link DType} (each with its own byte order), a field may hold a fixed-size
 * sub-array ({@code ('p4', '<f4', (4,))}, {@link Field#count()} values), and padding between fields (NumPy's unnamed
 * {@code |V} fields, or offsets from an HDF5 compound type). Nested records, strings and objects are refused.
 *
 * @param fields the fields, in record order
 * @param itemSize the bytes of one record (at least the end of the last field)
 */
public record RecordType(List<Field> fields, int itemSize) {

    /**
     * One field of a record.
     *
     * @param name the field name
     * @param type the numeric type of its values
     * @param offset its byte offset within the record
     * @param count how many values it holds (1 for a scalar field, the product of the sub-array shape otherwise)
     */
    public record Field(String name, DType type, int offset, int count) {

        /**
         * Validates the field.
         *
         * @param name the name, not empty
         * @param type the type
         * @param offset the offset, at least 0
         * @param count the count, at least 1
         * @throws IllegalArgumentException for an empty name, a negative offset or a count below 1
         */
        public Field {
            Objects.requireNonNull(type, "type");
            if (name == null || name.isEmpty() || offset < 0 || count < 1) {
                throw new IllegalArgumentException("record field '" + name + "' at offset " + offset + " with "
                    + count + " values is not valid");
            }
        }

        /**
         * The bytes of this field.
         *
         * @return {@code count * type.itemSize()}
         */
        public int bytes() {
            return Math.multiplyExact(count, type.itemSize());
        }
    }

    /**
     * Validates the record type.
     *
     * @param fields the fields (at least one, distinct names, inside the record)
     * @param itemSize the record size
     * @throws IllegalArgumentException when there are no fields, a name repeats or a field ends beyond the record
     */
    public RecordType {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a record type needs at least one field");
        }
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if ((long) f.offset() + f.bytes() > itemSize) {
                throw new IllegalArgumentException("record field '" + f.name() + "' ends at byte "
                    + ((long) f.offset() + f.bytes()) + ", beyond the record size " + itemSize);
            }
            for (int j = 0; j < i; j++) {
                if (fields.get(j).name().equals(f.name())) {
                    throw new IllegalArgumentException("record field name '" + f.name() + "' repeats");
                }
            }
        }
    }

    /**
     * A packed record type (no padding), as {@code np.dtype([('a', '<f4'), ...])} makes it.
     *
     * @param names the field names
     * @param types their types
     * @return the record type
     * @throws IllegalArgumentException when the lists differ in length or a name repeats
     */
    public static RecordType packed(List<String> names, List<DType> types) {
        if (names.size() != types.size()) {
            throw new IllegalArgumentException(names.size() + " field names for " + types.size() + " types");
        }
        List<Field> fields = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < names.size(); i++) {
            fields.add(new Field(names.get(i), types.get(i), offset, 1));
            offset += types.get(i).itemSize();
        }
        return new RecordType(fields, offset);
    }

    /**
     * Parses NumPy's list form of a structured {@code descr}: a list of {@code (name, descr)} or
     * {@code (name, descr, shape)} tuples, with unnamed {@code |V} entries as padding.
     *
     * @param descr the parsed list
     * @return the record type
     * @throws IllegalArgumentException naming the field when an entry is not supported
     */
    static RecordType parse(List<?> descr) {
        List<Field> fields = new ArrayList<>();
        int offset = 0;
        for (Object item : descr) {
            if (!(item instanceof PythonLiteral.Tuple tuple) || tuple.items().size() < 2 || tuple.items().size() > 3
                || !(tuple.items().get(0) instanceof String name)) {
                throw new IllegalArgumentException("unsupported structured dtype entry " + item);
            }
            Object type = tuple.items().get(1);
            if (!(type instanceof String typeDescr)) {
                throw new IllegalArgumentException("unsupported dtype of field '" + name + "': nested records");
            }
            if (name.isEmpty() && typeDescr.matches("\\|?V\\d+")) {
                offset += Integer.parseInt(typeDescr.replaceAll("\\D", ""));
                continue;
            }
            DType dtype;
            try {
                dtype = DType.parse(typeDescr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
            }
            int count = 1;
            if (tuple.items().size() == 3) {
                Object shape = tuple.items().get(2);
                List<Object> dims = shape instanceof PythonLiteral.Tuple t ? t.items() : List.of(shape);
                for (Object dim : dims) {
                    if (!(dim instanceof BigInteger d) || d.signum() <= 0 || d.bitLength() > 20) {
                        throw new IllegalArgumentException("field '" + name + "' has sub-array shape " + shape);
                    }
                    count = Math.multiplyExact(count, d.intValue());
                }
            }
            Field field = new Field(name, dtype, offset, count);
            fields.add(field);
            offset = Math.addExact(offset, field.bytes());
        }
        return new RecordType(fields, offset);
    }

    /**
     * NumPy's {@code descr} of this type, for a {@code .npy} header; only packed types without padding can be written
     * this way.
     *
     * @return for example {@code [('pt', '<f4'), ('flavour', '<i4')]}
     * @throws IllegalStateException when the fields leave padding
     */
    public String descr() {
        StringBuilder sb = new StringBuilder("[");
        int offset = 0;
        for (Field f : fields) {
            if (f.offset() != offset) {
                throw new IllegalStateException("record type with padding before field '" + f.name() + "'");
            }
            offset += f.bytes();
            sb.append(sb.length() > 1 ? ", " : "").append("('").append(f.name().replace("'", "\\'")).append("', '")
                .append(f.type().descr()).append('\'');
            if (f.count() > 1) {
                sb.append(", (").append(f.count()).append(",)");
            }
            sb.append(')');
        }
        if (offset != itemSize) {
            throw new IllegalStateException("record type with " + (itemSize - offset) + " bytes of trailing padding");
        }
        return sb.append(']').toString();
    }

    /**
     * The field names in record order.
     *
     * @return the names
     */
    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    /**
     * The position of a field.
     *
     * @param name the field name
     * @return its index, or -1 when no field has this name
     */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes chosen scalar fields of consecutive records into floats, record by record: value {@code j} of record
     * {@code r} goes to {@code out[outOffset + r * fieldIndices.length + j]}. Conversions are those of
     * {@link NpyArray#toDoubleArray()} followed by a cast to float (so float32 fields are copied exactly).
     *
     * @param records the raw records from position 0, at least {@code count * itemSize()} bytes
     * @param count how many records
     * @param fieldIndices the fields to take, in output order (each a scalar field)
     * @param out the destination
     * @param outOffset where the first value goes
     * @throws IllegalArgumentException when a chosen field holds a sub-array
     */
    public void decode(ByteBuffer records, int count, int[] fieldIndices, float[] out, int outOffset) {
        int k = fieldIndices.length;
        for (int j = 0; j < k; j++) {
            Field f = scalarField(fieldIndices[j]);
            ByteBuffer view = records.duplicate().order(f.type().order());
            ScalarType type = f.type().type();
            int pos = f.offset();
            for (int r = 0; r < count; r++, pos += itemSize) {
                out[outOffset + r * k + j] = type == ScalarType.FLOAT32 ? view.getFloat(pos) : (float) value(view, pos,
                    type);
            }
        }
    }

    /**
     * Decodes one scalar field of consecutive records into doubles (exact for integers up to 2<sup>53</sup>).
     *
     * @param records the raw records from position 0
     * @param count how many records
     * @param fieldIndex the field
     * @param out the destination, {@code out[outOffset + r]} for record {@code r}
     * @param outOffset where the first value goes
     * @throws IllegalArgumentException when the field holds a sub-array
     */
    public void decode(ByteBuffer records, int count, int fieldIndex, double[] out, int outOffset) {
        Field f = scalarField(fieldIndex);
        ByteBuffer view = records.duplicate().order(f.type().order());
        int pos = f.offset();
        for (int r = 0; r < count; r++, pos += itemSize) {
            out[outOffset + r] = value(view, pos, f.type().type());
        }
    }

    private Field scalarField(int index) {
        Field f = fields.get(index);
        if (f.count() != 1) {
            throw new IllegalArgumentException("record field '" + f.name() + "' holds " + f.count()
                + " values; only scalar fields can be read as columns");
        }
        return f;
    }

    private static double value(ByteBuffer b, int pos, ScalarType type) {
        return switch (type) {
            case BOOL -> b.get(pos) != 0 ? 1 : 0;
            case INT8 -> b.get(pos);
            case UINT8 -> b.get(pos) & 0xff;
            case INT16 -> b.getShort(pos);
            case UINT16 -> b.getShort(pos) & 0xffff;
            case INT32 -> b.getInt(pos);
            case UINT32 -> b.getInt(pos) & 0xffffffffL;
            case INT64 -> b.getLong(pos);
            case UINT64 -> ElementConverter.unsignedToDouble(b.getLong(pos));
            case FLOAT16 -> ElementConverter.halfToFloat(b.getShort(pos));
            case FLOAT32 -> b.getFloat(pos);
            case FLOAT64 -> b.getDouble(pos);
        };
    }

    /**
     * This type in words, for listings and messages.
     *
     * @return for example {@code {pt <f4, eta >f8, p4 <f4[4]}}
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("{");
        for (Field f : fields) {
            sb.append(sb.length() > 1 ? ", " : "").append(f.name()).append(' ').append(f.type().descr());
            if (f.count() > 1) {
                sb.append('[').append(f.count()).append(']');
            }
        }
        return sb.append('}').toString();
    }
}
