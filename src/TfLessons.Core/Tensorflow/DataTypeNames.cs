#pragma warning disable IDE1006
namespace TfLessons;

/// <summary>
/// TensorFlow.NET's <c>TF_DataType</c> member names (<c>TF_DataType.TF_FLOAT</c>) on TfLessons' one dtype enum.
/// They are static extension members rather than enum aliases, so a dtype still prints under one name.
/// </summary>
public static class DataTypeNames
{
    extension(DType)
    {
        public static DType DtInvalid => DType.Invalid;
        public static DType TF_FLOAT => DType.Float32;
        public static DType TF_DOUBLE => DType.Float64;
        public static DType TF_INT16 => DType.Int16;
        public static DType TF_INT32 => DType.Int32;
        public static DType TF_INT64 => DType.Int64;
        public static DType TF_UINT8 => DType.UInt8;
        public static DType TF_BOOL => DType.Bool;
        public static DType TF_STRING => DType.String;
    }
}
