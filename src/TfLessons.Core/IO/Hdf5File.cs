using System.Numerics;
using PureHDF;
using PureHDF.VOL.Native;

namespace TfLessons.IO;

/// <summary>
/// Read-only access to an HDF5 file through PureHDF (managed code: a corrupt file cannot crash the process).
/// Every dataset is validated before anything is allocated: the type (class, size, sign, byte order, precision,
/// float layout), the shape (element count and byte size must fit in 64 bits and in one array), and the storage
/// (the raw bytes must exist in the file: a dataset that was never written, or whose storage is smaller than its
/// shape or lies past the end of the file, is refused). Any failure, PureHDF's included, is an
/// <see cref="Hdf5Exception"/> naming the file, the dataset and the field.
/// </summary>
public sealed partial class Hdf5File : IDisposable
{
    // Deflate cannot shrink data by more than about 1032:1, so a deflated chunked dataset holds at most this many
    // bytes per stored byte; without compression every byte read must be a byte of the file.
    private const long MaxDeflateRatio = 1032;
    private const int MaxRank = 32;
    private const int MaxObjectsListed = 100_000;

    private readonly object _sync = new();
    private readonly long _fileLength;
    private NativeFile? _file;
    private Dictionary<string, (ulong Start, ulong Length)>? _contiguousExtents;

    private Hdf5File(NativeFile file, string path, long fileLength)
    {
        _file = file;
        Path = path;
        _fileLength = fileLength;
    }

    /// <summary>Full path of the open file.</summary>
    public string Path { get; }

    /// <summary>Opens an existing HDF5 file read-only.</summary>
    public static Hdf5File OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new Hdf5Exception(full, null, null, "is a directory, not a file.");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"HDF5 file '{full}' does not exist.", full);
        }

        long length = new FileInfo(full).Length;
        if (!HasSignature(full, length))
        {
            throw new Hdf5Exception(full, null, null, $"not an HDF5 file (no HDF5 signature; {length} bytes).");
        }

        NativeFile file = Guard(full, null, "superblock", () => H5File.OpenRead(full));
        return new Hdf5File(file, full, length);
    }

    /// <summary>Names of all datasets in the file, depth-first in name order, groups joined with '/'.</summary>
    public IReadOnlyList<string> DatasetNames()
    {
        lock (_sync)
        {
            NativeFile file = ThrowIfDisposed();
            var result = new List<string>();
            int visited = 0;
            Guard(Path, null, "structure", () => CollectDatasets(file, string.Empty, result, 0, ref visited));
            return result;
        }
    }

    /// <summary>True if <paramref name="name"/> names a dataset of this file.</summary>
    public bool ContainsDataset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_sync)
        {
            return Guard(Path, name, "structure", () => Find(ThrowIfDisposed(), name)) is IH5Dataset;
        }
    }

    /// <summary>Shape and stored element type of a dataset.</summary>
    public Hdf5DatasetInfo GetInfo(string name)
    {
        lock (_sync)
        {
            return Describe(OpenDataset(name), name).Info;
        }
    }

    /// <summary>Reads a dataset stored as uint8.</summary>
    public Hdf5Array<byte> ReadUInt8(string name) => Read<byte>(name, Hdf5ElementType.UInt8);

    /// <summary>Reads a dataset as int32 (stored as int32 or a narrower integer type).</summary>
    public Hdf5Array<int> ReadInt32(string name) => Read<int>(name, Hdf5ElementType.Int32);

    /// <summary>Reads a dataset as int64 (stored as int64 or a type whose every value is an int64).</summary>
    public Hdf5Array<long> ReadInt64(string name) => Read<long>(name, Hdf5ElementType.Int64);

    /// <summary>Reads a dataset as float32 (stored as float32 or an integer of at most 16 bits).</summary>
    public Hdf5Array<float> ReadFloat32(string name) => Read<float>(name, Hdf5ElementType.Float32);

    /// <summary>Reads a dataset as float64 (stored as a float or an integer of at most 32 bits).</summary>
    public Hdf5Array<double> ReadFloat64(string name) => Read<double>(name, Hdf5ElementType.Float64);

    public void Dispose()
    {
        lock (_sync)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private Hdf5Array<T> Read<T>(string name, Hdf5ElementType requested)
        where T : unmanaged, INumberBase<T>
    {
        lock (_sync)
        {
            NativeDataset dataset = OpenDataset(name);
            (Hdf5DatasetInfo info, string typeText) = Describe(dataset, name);
            string wanted = Hdf5Conversion.Name(requested);
            if (info.ElementType == Hdf5ElementType.Other)
            {
                throw new Hdf5Exception(
                    Path,
                    name,
                    "dtype",
                    $"is {typeText}, not a number; it cannot be read as {wanted}."
                );
            }

            if (!Hdf5Conversion.IsExact(info.ElementType, requested))
            {
                throw new Hdf5Exception(Path, name, "dtype",
                    $"is stored as {typeText}; reading it as {wanted} could change values, so it is refused " +
                    $"(read it as {typeText}).");
            }

            long count = info.Count;
            CheckStorage(dataset, info, typeText);
            T[] data = info.ElementType switch
            {
                Hdf5ElementType.Int8 => Hdf5Conversion.Widen<sbyte, T>(ReadRaw<sbyte>(dataset, name, count)),
                Hdf5ElementType.UInt8 => Hdf5Conversion.Widen<byte, T>(ReadRaw<byte>(dataset, name, count)),
                Hdf5ElementType.Int16 => Hdf5Conversion.Widen<short, T>(ReadRaw<short>(dataset, name, count)),
                Hdf5ElementType.UInt16 => Hdf5Conversion.Widen<ushort, T>(ReadRaw<ushort>(dataset, name, count)),
                Hdf5ElementType.Int32 => Hdf5Conversion.Widen<int, T>(ReadRaw<int>(dataset, name, count)),
                Hdf5ElementType.UInt32 => Hdf5Conversion.Widen<uint, T>(ReadRaw<uint>(dataset, name, count)),
                Hdf5ElementType.Int64 => Hdf5Conversion.Widen<long, T>(ReadRaw<long>(dataset, name, count)),
                Hdf5ElementType.UInt64 => Hdf5Conversion.Widen<ulong, T>(ReadRaw<ulong>(dataset, name, count)),
                Hdf5ElementType.Float32 => Hdf5Conversion.Widen<float, T>(ReadRaw<float>(dataset, name, count)),
                _ => Hdf5Conversion.Widen<double, T>(ReadRaw<double>(dataset, name, count)),
            };
            return new Hdf5Array<T>(data, info.Shape);
        }
    }

    private TStored[] ReadRaw<TStored>(NativeDataset dataset, string name, long count)
        where TStored : unmanaged
    {
        // The stored type was checked to be exactly TStored, so PureHDF's byte copy is the right decoding.
        var data = new TStored[count];
        if (count > 0)
        {
            Guard(Path, name, "read", () => dataset.Read<TStored>(data.AsSpan()));
        }

        return data;
    }

    private NativeFile ThrowIfDisposed() =>
        _file ?? throw new ObjectDisposedException(nameof(Hdf5File), $"HDF5 file '{Path}' is closed.");
}
