namespace TfLessons.IO.Checkpoint;

/// <summary>
/// TensorFlow's <c>DataType</c> enum (tensorflow/core/framework/types.proto). The numeric values are
/// the ones stored on disk in <c>BundleEntryProto.dtype</c> and <c>TensorProto.dtype</c>, so they must not change.
/// </summary>
public enum TfDataType
{
    /// <summary>DT_INVALID: not a legal type for a stored tensor.</summary>
    Invalid = 0,
    /// <summary>DT_FLOAT: 32-bit IEEE float.</summary>
    Float = 1,
    /// <summary>DT_DOUBLE: 64-bit IEEE float.</summary>
    Double = 2,
    /// <summary>DT_INT32.</summary>
    Int32 = 3,
    /// <summary>DT_UINT8.</summary>
    UInt8 = 4,
    /// <summary>DT_INT16.</summary>
    Int16 = 5,
    /// <summary>DT_INT8.</summary>
    Int8 = 6,
    /// <summary>DT_STRING: arbitrary byte strings, stored with their own framing in checkpoints.</summary>
    String = 7,
    /// <summary>DT_COMPLEX64: pairs of floats (re, im).</summary>
    Complex64 = 8,
    /// <summary>DT_INT64.</summary>
    Int64 = 9,
    /// <summary>DT_BOOL: one byte per element (0 or 1).</summary>
    Bool = 10,
    /// <summary>DT_QINT8: quantized int8.</summary>
    QInt8 = 11,
    /// <summary>DT_QUINT8: quantized uint8.</summary>
    QUInt8 = 12,
    /// <summary>DT_QINT32: quantized int32.</summary>
    QInt32 = 13,
    /// <summary>DT_BFLOAT16: truncated 16-bit float.</summary>
    BFloat16 = 14,
    /// <summary>DT_QINT16: quantized int16.</summary>
    QInt16 = 15,
    /// <summary>DT_QUINT16: quantized uint16.</summary>
    QUInt16 = 16,
    /// <summary>DT_UINT16.</summary>
    UInt16 = 17,
    /// <summary>DT_COMPLEX128: pairs of doubles (re, im).</summary>
    Complex128 = 18,
    /// <summary>DT_HALF: IEEE 754 half precision.</summary>
    Half = 19,
    /// <summary>DT_RESOURCE: a handle; never holds checkpointable data.</summary>
    Resource = 20,
    /// <summary>DT_VARIANT: type-erased values with their own framing (not decoded here).</summary>
    Variant = 21,
    /// <summary>DT_UINT32.</summary>
    UInt32 = 22,
    /// <summary>DT_UINT64.</summary>
    UInt64 = 23,
}

/// <summary>Element-size facts about <see cref="TfDataType"/>.</summary>
public static class TfDataTypeExtensions
{
    /// <summary>
    /// Bytes per element in TensorFlow's in-memory (and checkpoint) layout, or 0 for types without
    /// a fixed element size (DT_STRING, DT_VARIANT, DT_RESOURCE) and for unknown enum values.
    /// </summary>
    public static int ElementSize(this TfDataType dtype) => dtype switch
    {
        TfDataType.Float or TfDataType.Int32 or TfDataType.QInt32 or TfDataType.UInt32 => 4,
        TfDataType.Double or TfDataType.Int64 or TfDataType.UInt64 or TfDataType.Complex64 => 8,
        TfDataType.UInt8 or TfDataType.Int8 or TfDataType.Bool or TfDataType.QInt8 or TfDataType.QUInt8 => 1,
        TfDataType.Int16 or TfDataType.UInt16 or TfDataType.QInt16 or TfDataType.QUInt16
            or TfDataType.BFloat16 or TfDataType.Half => 2,
        TfDataType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>TensorFlow's name for the type, e.g. <c>DT_FLOAT</c>; used in error messages.</summary>
    public static string TfName(this TfDataType dtype) => dtype switch
    {
        TfDataType.Float => "DT_FLOAT",
        TfDataType.Double => "DT_DOUBLE",
        TfDataType.Int32 => "DT_INT32",
        TfDataType.UInt8 => "DT_UINT8",
        TfDataType.Int16 => "DT_INT16",
        TfDataType.Int8 => "DT_INT8",
        TfDataType.String => "DT_STRING",
        TfDataType.Complex64 => "DT_COMPLEX64",
        TfDataType.Int64 => "DT_INT64",
        TfDataType.Bool => "DT_BOOL",
        TfDataType.BFloat16 => "DT_BFLOAT16",
        TfDataType.UInt16 => "DT_UINT16",
        TfDataType.Complex128 => "DT_COMPLEX128",
        TfDataType.Half => "DT_HALF",
        TfDataType.Resource => "DT_RESOURCE",
        TfDataType.Variant => "DT_VARIANT",
        TfDataType.UInt32 => "DT_UINT32",
        TfDataType.UInt64 => "DT_UINT64",
        TfDataType.QInt8 => "DT_QINT8",
        TfDataType.QUInt8 => "DT_QUINT8",
        TfDataType.QInt32 => "DT_QINT32",
        TfDataType.QInt16 => "DT_QINT16",
        TfDataType.QUInt16 => "DT_QUINT16",
        _ => $"DataType({(int)dtype})",
    };
}
