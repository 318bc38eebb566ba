using System.Numerics;

namespace TfLessons.IO;

/// <summary>
/// Which stored element types may be read as which requested types: only conversions that keep every possible
/// value exactly (uint8 as float32, int32 as int64, ...). An int64 read as float64, or an int32 read as uint8,
/// could change values silently, so the reader refuses them and names the type to read instead.
/// </summary>
internal static class Hdf5Conversion
{
    public static bool IsExact(Hdf5ElementType stored, Hdf5ElementType requested) =>
        stored == requested
        || (stored, requested) switch
        {
            (Hdf5ElementType.UInt8, _) => requested
                is Hdf5ElementType.Int16
                    or Hdf5ElementType.UInt16
                    or Hdf5ElementType.Int32
                    or Hdf5ElementType.UInt32
                    or Hdf5ElementType.Int64
                    or Hdf5ElementType.UInt64
                    or Hdf5ElementType.Float32
                    or Hdf5ElementType.Float64,
            (Hdf5ElementType.Int8, _) => requested
                is Hdf5ElementType.Int16
                    or Hdf5ElementType.Int32
                    or Hdf5ElementType.Int64
                    or Hdf5ElementType.Float32
                    or Hdf5ElementType.Float64,
            (Hdf5ElementType.UInt16, _) => requested
                is Hdf5ElementType.Int32
                    or Hdf5ElementType.UInt32
                    or Hdf5ElementType.Int64
                    or Hdf5ElementType.UInt64
                    or Hdf5ElementType.Float32
                    or Hdf5ElementType.Float64,
            (Hdf5ElementType.Int16, _) => requested
                is Hdf5ElementType.Int32
                    or Hdf5ElementType.Int64
                    or Hdf5ElementType.Float32
                    or Hdf5ElementType.Float64,
            (Hdf5ElementType.UInt32, _) => requested
                is Hdf5ElementType.Int64
                    or Hdf5ElementType.UInt64
                    or Hdf5ElementType.Float64,
            (Hdf5ElementType.Int32, _) => requested is Hdf5ElementType.Int64 or Hdf5ElementType.Float64,
            (Hdf5ElementType.Float32, _) => requested is Hdf5ElementType.Float64,
            _ => false,
        };

    /// <summary>Numpy-style name of an element type ("uint8", "float64").</summary>
    public static string Name(Hdf5ElementType type) => type switch
    {
        Hdf5ElementType.Int8 => "int8",
        Hdf5ElementType.UInt8 => "uint8",
        Hdf5ElementType.Int16 => "int16",
        Hdf5ElementType.UInt16 => "uint16",
        Hdf5ElementType.Int32 => "int32",
        Hdf5ElementType.UInt32 => "uint32",
        Hdf5ElementType.Int64 => "int64",
        Hdf5ElementType.UInt64 => "uint64",
        Hdf5ElementType.Float32 => "float32",
        Hdf5ElementType.Float64 => "float64",
        _ => "non-numeric",
    };

    /// <summary>Widens an array element by element; callers have checked <see cref="IsExact"/>.</summary>
    public static TTo[] Widen<TFrom, TTo>(TFrom[] source)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        if (source is TTo[] same)
        {
            return same;
        }

        var result = new TTo[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            result[i] = TTo.CreateTruncating(source[i]);
        }

        return result;
    }
}
