using System.Runtime.InteropServices;
using System.Text;

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
    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public long Count => Shape.Aggregate(1L, (a, d) => a * d);

    public override string ToString() => $"{Name}: {ElementType} ({string.Join(", ", Shape)})";
}

/// <summary>A dataset read into memory: row-major data plus its shape.</summary>
public sealed record Hdf5Array<T>(T[] Data, long[] Shape)
{
    public long Count => Data.LongLength;
}

/// <summary>An HDF5 error (missing file or dataset, unsupported type, read failure).</summary>
public class Hdf5Exception : IOException
{
    public Hdf5Exception(string message)
        : base(message)
    {
    }

    public Hdf5Exception(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The HDF5 C library is missing or unusable.</summary>
public sealed class Hdf5LibraryNotFoundException : Hdf5Exception
{
    public Hdf5LibraryNotFoundException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Read-only access to an HDF5 file through the HDF Group's C library (P/Invoke). Reads whole datasets with
/// H5Dread into managed arrays, using the native memory type of the requested element type: HDF5 converts
/// from the stored type (e.g. a uint8 dataset read as float64), as h5py's <c>astype</c> would.
/// </summary>
public sealed unsafe class Hdf5File : IDisposable
{
    private readonly Hdf5Native.Api _api;
    private long _file;

    private Hdf5File(Hdf5Native.Api api, long file, string path)
    {
        _api = api;
        _file = file;
        Path = path;
    }

    /// <summary>Full path of the open file.</summary>
    public string Path { get; }

    /// <summary>True if the HDF5 C library can be loaded on this machine.</summary>
    public static bool IsLibraryAvailable
    {
        get
        {
            try
            {
                Hdf5Native.Get();
                return true;
            }
            catch (Hdf5LibraryNotFoundException)
            {
                return false;
            }
        }
    }

    /// <summary>Version of the loaded HDF5 library, e.g. "1.10.8" (throws if the library is missing).</summary>
    public static string LibraryVersion => Hdf5Native.Get().Version;

    /// <summary>Opens an existing HDF5 file read-only.</summary>
    public static Hdf5File OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new Hdf5Exception($"HDF5 file '{full}' is a directory, not a file.");
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"HDF5 file '{full}' does not exist.", full);
        }

        Hdf5Native.Api api = Hdf5Native.Get();
        lock (Hdf5Native.Sync)
        {
            using var name = new Utf8(full);
            int isHdf5 = api.H5Fis_hdf5(name.Ptr);
            if (isHdf5 == 0)
            {
                throw new Hdf5Exception($"'{full}' is not an HDF5 file (no HDF5 signature).");
            }

            long file = api.H5Fopen(name.Ptr, Hdf5Native.H5F_ACC_RDONLY, Hdf5Native.H5P_DEFAULT);
            if (file < 0)
            {
                throw new Hdf5Exception($"HDF5 could not open '{full}' read-only (corrupt file or no permission).");
            }

            return new Hdf5File(api, file, full);
        }
    }

    /// <summary>Names of all datasets in the file, depth-first in name order, groups joined with '/'.</summary>
    public IReadOnlyList<string> DatasetNames()
    {
        lock (Hdf5Native.Sync)
        {
            ThrowIfDisposed();
            var result = new List<string>();
            CollectDatasets(_file, prefix: string.Empty, result, depth: 0);
            return result;
        }
    }

    /// <summary>True if <paramref name="name"/> names a dataset of this file.</summary>
    public bool ContainsDataset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Hdf5Native.Sync)
        {
            ThrowIfDisposed();
            if (!LinkExists(name))
            {
                return false;
            }

            using var n = new Utf8(name);
            long obj = _api.H5Oopen(_file, n.Ptr, Hdf5Native.H5P_DEFAULT);
            if (obj < 0)
            {
                return false;
            }

            int type = _api.H5Iget_type(obj);
            _api.H5Oclose(obj);
            return type == Hdf5Native.H5I_DATASET;
        }
    }

    /// <summary>Shape and stored element type of a dataset.</summary>
    public Hdf5DatasetInfo GetInfo(string name)
    {
        lock (Hdf5Native.Sync)
        {
            long dset = OpenDataset(name);
            try
            {
                return Describe(dset, name);
            }
            finally
            {
                _api.H5Dclose(dset);
            }
        }
    }

    /// <summary>Reads a dataset as bytes (uint8). Other integer/float types are converted by HDF5 (saturating).</summary>
    public Hdf5Array<byte> ReadUInt8(string name) => Read<byte>(name, _api.NativeUInt8, "uint8");

    /// <summary>Reads a dataset as int32.</summary>
    public Hdf5Array<int> ReadInt32(string name) => Read<int>(name, _api.NativeInt32, "int32");

    /// <summary>Reads a dataset as int64.</summary>
    public Hdf5Array<long> ReadInt64(string name) => Read<long>(name, _api.NativeInt64, "int64");

    /// <summary>Reads a dataset as float32.</summary>
    public Hdf5Array<float> ReadFloat32(string name) => Read<float>(name, _api.NativeFloat, "float32");

    /// <summary>Reads a dataset as float64.</summary>
    public Hdf5Array<double> ReadFloat64(string name) => Read<double>(name, _api.NativeDouble, "float64");

    public void Dispose()
    {
        lock (Hdf5Native.Sync)
        {
            if (_file > 0)
            {
                _api.H5Fclose(_file);
                _file = 0;
            }
        }
    }

    private Hdf5Array<T> Read<T>(string name, long memType, string requested)
        where T : unmanaged
    {
        lock (Hdf5Native.Sync)
        {
            long dset = OpenDataset(name);
            try
            {
                Hdf5DatasetInfo info = Describe(dset, name);
                if (info.ElementType == Hdf5ElementType.Other)
                {
                    throw new Hdf5Exception(
                        $"Dataset '{name}' in '{Path}' is not numeric (HDF5 type class {ClassName(dset)}); it cannot be read as {requested}.");
                }

                long count = info.Count;
                if (count > Array.MaxLength)
                {
                    throw new Hdf5Exception(
                        $"Dataset '{name}' in '{Path}' has {count} elements, too many for one array.");
                }

                var data = new T[count];
                if (count > 0)
                {
                    fixed (T* buffer = data)
                    {
                        int status = _api.H5Dread(dset, memType, Hdf5Native.H5S_ALL, Hdf5Native.H5S_ALL, Hdf5Native.H5P_DEFAULT, buffer);
                        if (status < 0)
                        {
                            throw new Hdf5Exception(
                                $"H5Dread failed for dataset '{name}' ({info.ElementType}) in '{Path}' read as {requested}.");
                        }
                    }
                }

                return new Hdf5Array<T>(data, info.Shape);
            }
            finally
            {
                _api.H5Dclose(dset);
            }
        }
    }

    private long OpenDataset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ThrowIfDisposed();
        if (!LinkExists(name))
        {
            IReadOnlyList<string> names = DatasetNamesUnlocked();
            throw new Hdf5Exception(
                $"Dataset '{name}' not found in '{Path}'. Datasets: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}.");
        }

        using var n = new Utf8(name);
        long dset = _api.H5Dopen2(_file, n.Ptr, Hdf5Native.H5P_DEFAULT);
        if (dset < 0)
        {
            throw new Hdf5Exception($"'{name}' in '{Path}' exists but is not a dataset (a group or a named type?).");
        }

        return dset;
    }

    private IReadOnlyList<string> DatasetNamesUnlocked()
    {
        var result = new List<string>();
        CollectDatasets(_file, string.Empty, result, 0);
        return result;
    }

    private bool LinkExists(string name)
    {
        // H5Lexists fails (negative) when an intermediate group is missing, so check each prefix.
        string[] parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        string prefix = name.StartsWith('/') ? "/" : string.Empty;
        for (int i = 0; i < parts.Length; i++)
        {
            prefix += (i == 0 ? string.Empty : "/") + parts[i];
            using var p = new Utf8(prefix);
            if (_api.H5Lexists(_file, p.Ptr, Hdf5Native.H5P_DEFAULT) <= 0)
            {
                return false;
            }
        }

        return true;
    }

    private Hdf5DatasetInfo Describe(long dset, string name)
    {
        long space = _api.H5Dget_space(dset);
        if (space < 0)
        {
            throw new Hdf5Exception($"Cannot get the dataspace of '{name}' in '{Path}'.");
        }

        long[] shape;
        try
        {
            int rank = _api.H5Sget_simple_extent_ndims(space);
            if (rank < 0)
            {
                throw new Hdf5Exception($"Dataset '{name}' in '{Path}' has no simple dataspace.");
            }

            var dims = new ulong[Math.Max(rank, 1)];
            fixed (ulong* d = dims)
            {
                if (_api.H5Sget_simple_extent_dims(space, d, null) < 0)
                {
                    throw new Hdf5Exception($"Cannot read the dimensions of '{name}' in '{Path}'.");
                }
            }

            shape = dims.Take(rank).Select(x => checked((long)x)).ToArray();
        }
        finally
        {
            _api.H5Sclose(space);
        }

        long type = _api.H5Dget_type(dset);
        if (type < 0)
        {
            throw new Hdf5Exception($"Cannot get the datatype of '{name}' in '{Path}'.");
        }

        try
        {
            int cls = _api.H5Tget_class(type);
            int size = checked((int)_api.H5Tget_size(type));
            Hdf5ElementType et = Hdf5ElementType.Other;
            if (cls == Hdf5Native.H5T_INTEGER)
            {
                bool unsigned = _api.H5Tget_sign(type) == Hdf5Native.H5T_SGN_NONE;
                et = (size, unsigned) switch
                {
                    (1, true) => Hdf5ElementType.UInt8,
                    (1, false) => Hdf5ElementType.Int8,
                    (2, true) => Hdf5ElementType.UInt16,
                    (2, false) => Hdf5ElementType.Int16,
                    (4, true) => Hdf5ElementType.UInt32,
                    (4, false) => Hdf5ElementType.Int32,
                    (8, true) => Hdf5ElementType.UInt64,
                    (8, false) => Hdf5ElementType.Int64,
                    _ => Hdf5ElementType.Other,
                };
            }
            else if (cls == Hdf5Native.H5T_FLOAT)
            {
                et = size switch
                {
                    4 => Hdf5ElementType.Float32,
                    8 => Hdf5ElementType.Float64,
                    _ => Hdf5ElementType.Other,
                };
            }

            return new Hdf5DatasetInfo(name, shape, et, size);
        }
        finally
        {
            _api.H5Tclose(type);
        }
    }

    private string ClassName(long dset)
    {
        long type = _api.H5Dget_type(dset);
        if (type < 0)
        {
            return "unknown";
        }

        int cls = _api.H5Tget_class(type);
        _api.H5Tclose(type);
        return cls switch
        {
            0 => "INTEGER",
            1 => "FLOAT",
            2 => "TIME",
            3 => "STRING",
            4 => "BITFIELD",
            5 => "OPAQUE",
            6 => "COMPOUND",
            7 => "REFERENCE",
            8 => "ENUM",
            9 => "VLEN",
            10 => "ARRAY",
            _ => cls.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private void CollectDatasets(long group, string prefix, List<string> result, int depth)
    {
        if (depth > 64)
        {
            return; // guard against link cycles
        }

        var names = new List<string>();
        GCHandle handle = GCHandle.Alloc(names);
        try
        {
            ulong idx = 0;
            delegate* unmanaged<long, byte*, void*, void*, int> callback = &OnLink;
            int status = _api.H5Literate(group, Hdf5Native.H5_INDEX_NAME, Hdf5Native.H5_ITER_INC, &idx, (IntPtr)callback, GCHandle.ToIntPtr(handle));
            if (status < 0)
            {
                throw new Hdf5Exception($"Cannot list the contents of '{(prefix.Length == 0 ? "/" : prefix)}' in '{Path}'.");
            }
        }
        finally
        {
            handle.Free();
        }

        foreach (string child in names)
        {
            using var n = new Utf8(child);
            long obj = _api.H5Oopen(group, n.Ptr, Hdf5Native.H5P_DEFAULT);
            if (obj < 0)
            {
                continue; // dangling soft/external link
            }

            try
            {
                int type = _api.H5Iget_type(obj);
                string full = prefix.Length == 0 ? child : prefix + "/" + child;
                if (type == Hdf5Native.H5I_DATASET)
                {
                    result.Add(full);
                }
                else if (type == Hdf5Native.H5I_GROUP)
                {
                    CollectDatasets(obj, full, result, depth + 1);
                }
            }
            finally
            {
                _api.H5Oclose(obj);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static int OnLink(long group, byte* name, void* info, void* opData)
    {
        var names = (List<string>)GCHandle.FromIntPtr((IntPtr)opData).Target!;
        names.Add(Marshal.PtrToStringUTF8((IntPtr)name) ?? string.Empty);
        return 0;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_file <= 0, this);

    /// <summary>A NUL-terminated UTF-8 copy of a string in unmanaged memory.</summary>
    private readonly struct Utf8 : IDisposable
    {
        public readonly byte* Ptr;

        public Utf8(string s)
        {
            int len = Encoding.UTF8.GetByteCount(s);
            Ptr = (byte*)NativeMemory.Alloc((nuint)len + 1);
            Encoding.UTF8.GetBytes(s, new Span<byte>(Ptr, len));
            Ptr[len] = 0;
        }

        public void Dispose() => NativeMemory.Free(Ptr);
    }
}
