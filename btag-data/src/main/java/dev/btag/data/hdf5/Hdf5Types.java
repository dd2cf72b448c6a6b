package dev.btag.data.hdf5;

import dev.btag.data.npy.DType;
import dev.btag.data.npy.RecordType;
import dev.btag.data.npy.ScalarType;
import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps HDF5 element types onto btag's numeric types: integers, floats and enumerations (h5py stores booleans as an
 * enumeration of int8) become a {@link DType}; a compound type becomes a {@link RecordType} whose fields are those
 * numeric types, possibly fixed-size arrays of them. Everything else (strings, variable length, references, opaque,
 * nested compounds) is refused with a message naming the type.
 */
final class Hdf5Types {

    private Hdf5Types() {
    }

    /**
     * The numeric type of a scalar HDF5 type.
     *
     * @param type the HDF5 type
     * @return the numeric type
     * @throws IllegalArgumentException naming the type when it is not numeric
     */
    static DType numeric(DataType type) {
        if (type instanceof EnumDataType e) {
            return numeric(e.getBaseType());
        }
        ScalarType scalar;
        ByteOrder order;
        if (type instanceof FloatingPoint f) {
            scalar = switch (f.getSize()) {
                case 2 -> ScalarType.FLOAT16;
                case 4 -> ScalarType.FLOAT32;
                case 8 -> ScalarType.FLOAT64;
                default -> throw new IllegalArgumentException(f.getSize() + "-byte floating point");
            };
            order = f.getByteOrder();
        } else if (type instanceof FixedPoint f) {
            scalar = switch (f.getSize()) {
                case 1 -> f.isSigned() ? ScalarType.INT8 : ScalarType.UINT8;
                case 2 -> f.isSigned() ? ScalarType.INT16 : ScalarType.UINT16;
                case 4 -> f.isSigned() ? ScalarType.INT32 : ScalarType.UINT32;
                case 8 -> f.isSigned() ? ScalarType.INT64 : ScalarType.UINT64;
                default -> throw new IllegalArgumentException(f.getSize() + "-byte integer");
            };
            order = f.getByteOrder();
        } else {
            throw new IllegalArgumentException("element type " + describe(type) + " (only numbers, booleans and"
                + " compounds of them are read)");
        }
        return new DType(scalar, scalar.itemSize() == 1 ? ByteOrder.LITTLE_ENDIAN : order);
    }

    /**
     * The record type of a dataset's elements: a compound's fields, or for a numeric dataset one field per column of
     * its last axis ({@code columns} of them, named {@code 0}, {@code 1}, ...).
     *
     * @param type the element type
     * @param columns for a numeric type, the columns per record
     * @return the record type
     * @throws IllegalArgumentException naming the member or type that is not numeric
     */
    static RecordType records(DataType type, int columns) {
        if (type instanceof CompoundDataType compound) {
            List<RecordType.Field> fields = new ArrayList<>();
            for (CompoundDataType.CompoundDataMember m : compound.getMembers()) {
                DataType member = m.getDataType();
                int count = 1;
                for (int d : m.getDimensionSize()) {
                    count *= d;
                }
                if (member instanceof ArrayDataType array) {
                    for (int d : array.getArrayTypeDimensions()) {
                        count *= d;
                    }
                    member = array.getBaseType();
                }
                DType dtype;
                try {
                    dtype = numeric(member);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("field '" + m.getName() + "': " + e.getMessage(), e);
                }
                fields.add(new RecordType.Field(m.getName(), dtype, m.getOffset(), count));
            }
            return new RecordType(fields, compound.getSize());
        }
        DType dtype = numeric(type);
        List<RecordType.Field> fields = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            fields.add(new RecordType.Field(Integer.toString(j), dtype, j * dtype.itemSize(), 1));
        }
        return new RecordType(fields, columns * dtype.itemSize());
    }

    static String describe(DataType type) {
        String name = type.getClass().getSimpleName();
        return switch (name) {
            case "StringData" -> "fixed-length string";
            case "VariableLength" -> "variable-length data";
            case "Reference" -> "object reference";
            case "OpaqueDataType" -> "opaque bytes";
            case "CompoundDataType" -> "nested compound";
            case "ArrayDataType" -> "array";
            case "BitField" -> "bit field";
            case "TimeDataType" -> "time";
            default -> name;
        };
    }
}
