namespace TfLessons.IO;

/// <summary>Element type of an HDF5 dataset as stored in the file.</summary>
public enum Hdf5ElementType
{
    Other = 0,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
}

/// <summary>Shape and stored element type of one dataset.</summary>
public sealed record Hdf5DatasetInfo(string Name, long[] Shape, Hdf5ElementType ElementType, int ElementSize)
{
    /// <summary>Number of elements (product of the shape; 1 for a scalar). The reader has checked it fits in 64
    /// bits.</summary>
    public long Count => Shape.Aggregate(1L, (a, d) => checked(a * d));

    public override string ToString() => $"{Name}: {ElementType} ({string.Join(", ", Shape)})";
}

/// <summary>A dataset read into memory: row-major data plus its shape.</summary>
public sealed record Hdf5Array<T>(T[] Data, long[] Shape)
{
    public long Count => Data.LongLength;
}
