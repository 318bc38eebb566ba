using PureHDF;
using PureHDF.VOL.Native;

namespace TfLessons.IO;

/// <summary>Navigation and the checks run before any dataset is read (see <see cref="Hdf5File"/>).</summary>
public sealed partial class Hdf5File
{
    private static ReadOnlySpan<byte> Signature =>
        [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];

    /// <summary>The superblock signature sits at 0 or, after a user block, at 512, 1024, 2048, ... bytes.</summary>
    private static bool HasSignature(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> head = stackalloc byte[8];
        for (long offset = 0; offset + 8 <= length; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            stream.ReadExactly(head);
            if (head.SequenceEqual(Signature))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs a PureHDF call, turning whatever it throws into an <see cref="Hdf5Exception"/>.</summary>
    private static T Guard<T>(string path, string? dataset, string field, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not Hdf5Exception and not ObjectDisposedException)
        {
            throw new Hdf5Exception(
                path,
                dataset,
                field,
                $"the file is corrupt or unsupported ({ex.GetType().Name}: {ex.Message})",
                ex
            );
        }
    }

    private static void Guard(string path, string? dataset, string field, Action action) =>
        Guard(path, dataset, field, () =>
        {
            action();
            return true;
        });

    private void CollectDatasets(IH5Group group, string prefix, List<string> result, int depth, ref int visited)
    {
        if (depth > 64)
        {
            return; // hard links can form cycles
        }

        foreach (IH5Object child in group.Children().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (++visited > MaxObjectsListed)
            {
                throw new Hdf5Exception(
                    Path,
                    null,
                    "structure",
                    $"more than {MaxObjectsListed} objects (a link cycle?)."
                );
            }

            string full = prefix.Length == 0 ? child.Name : prefix + "/" + child.Name;
            if (child is IH5Dataset)
            {
                result.Add(full);
            }
            else if (child is IH5Group sub)
            {
                CollectDatasets(sub, full, result, depth + 1, ref visited);
            }
        }
    }

    /// <summary>The object at <paramref name="name"/>, or null if some link on the way is missing.</summary>
    private static IH5Object? Find(IH5Group root, string name)
    {
        string[] parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        IH5Object? current = parts.Length == 0 ? null : root;
        foreach (string part in parts)
        {
            if (current is not IH5Group group || !group.LinkExists(part))
            {
                return null;
            }

            current = group.Get(part);
        }

        return current;
    }

    private NativeDataset OpenDataset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        NativeFile file = ThrowIfDisposed();
        IH5Object? found = Guard(Path, name, "structure", () => Find(file, name));
        if (found is null)
        {
            IReadOnlyList<string> names = DatasetNames();
            throw new Hdf5Exception(Path, name, null,
                $"not found. Datasets: {(names.Count == 0 ? "(none)" : string.Join(", ", names))}.");
        }

        return found as NativeDataset
            ?? throw new Hdf5Exception(Path, name, null, "exists but is not a dataset (a group or a named type?).");
    }

    /// <summary>Shape and validated element type, plus a readable type description for messages.</summary>
    private (Hdf5DatasetInfo Info, string TypeText) Describe(NativeDataset dataset, string name)
    {
        long[] shape = Guard(Path, name, "shape", () => ShapeOf(dataset, name));
        (H5DataTypeClass cls, int size) = Guard(Path, name, "dtype", () => (dataset.Type.Class, dataset.Type.Size));
        Hdf5ElementType type = Hdf5ElementType.Other;
        string text = $"{cls.ToString().ToUpperInvariant()} ({size} bytes)";
        if (cls is H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint)
        {
            (type, string? problem) = Guard(Path, name, "dtype",
                () => Hdf5Metadata.Classify(dataset, cls == H5DataTypeClass.FloatingPoint));
            if (problem is not null)
            {
                throw new Hdf5Exception(Path, name, "dtype", $"unsupported {text}: {problem}.");
            }

            text = Hdf5Conversion.Name(type);
        }

        // Checked once here so every later size computation is known not to overflow.
        long count = 1;
        foreach (long d in shape)
        {
            if (d != 0 && count > long.MaxValue / d)
            {
                throw new Hdf5Exception(
                    Path,
                    name,
                    "shape",
                    $"({string.Join(", ", shape)}) has more elements than fit in 64 bits."
                );
            }

            count *= d;
        }

        if (count > Array.MaxLength || (size > 0 && count > long.MaxValue / size))
        {
            throw new Hdf5Exception(Path, name, "shape",
                $"({string.Join(", ", shape)}) has {count} elements of {size} bytes, too many for one array.");
        }

        return (new Hdf5DatasetInfo(name, shape, type, size), text);
    }

    private long[] ShapeOf(NativeDataset dataset, string name)
    {
        IH5Dataspace space = dataset.Space;
        if (space.Type == H5DataspaceType.Null)
        {
            throw new Hdf5Exception(Path, name, "shape", "null dataspace (the dataset holds no data).");
        }

        if (space.Type == H5DataspaceType.Scalar)
        {
            return [];
        }

        ulong[] dims = space.Dimensions;
        if (dims.Length > MaxRank)
        {
            throw new Hdf5Exception(Path, name, "shape", $"rank {dims.Length} exceeds HDF5's maximum of {MaxRank}.");
        }

        var shape = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            shape[i] = dims[i] <= long.MaxValue
                ? (long)dims[i]
                : throw new Hdf5Exception(Path, name, "shape", $"dimension {i} is {dims[i]}, more than 2^63 - 1.");
        }

        return shape;
    }

    /// <summary>Refuses a dataset whose raw bytes are not all in the file, before anything is allocated.</summary>
    private void CheckStorage(NativeDataset dataset, Hdf5DatasetInfo info, string typeText)
    {
        long count = info.Count;
        if (count == 0)
        {
            return;
        }

        string name = info.Name;
        long needed = count * info.ElementSize; // checked in Describe
        string what = $"shape ({string.Join(", ", info.Shape)}) {typeText} needs {needed} bytes";
        Hdf5StorageInfo storage = Guard(Path, name, "storage", () => Hdf5Metadata.Storage(dataset));
        if (storage.HasExternalFiles)
        {
            throw new Hdf5Exception(Path, name, "storage", "raw data in external files is not supported.");
        }

        switch (storage.Layout)
        {
            case "Contiguous":
                if (storage.Address is null or ulong.MaxValue)
                {
                    throw new Hdf5Exception(
                        Path,
                        name,
                        "storage",
                        $"{what}, but its data was never written (no storage allocated)."
                    );
                }

                if (storage.Size is { } size && size != (ulong)needed)
                {
                    throw new Hdf5Exception(Path, name, "storage", $"{what}, but its storage holds {size} bytes.");
                }

                if (
                    storage.Address.Value > (ulong)_fileLength
                    || (ulong)needed > (ulong)_fileLength - storage.Address.Value
                )
                {
                    throw new Hdf5Exception(
                        Path,
                        name,
                        "storage",
                        $"{what} at offset {storage.Address.Value}, past the "
                            + $"end of the {_fileLength}-byte file (truncated?)."
                    );
                }

                CheckNoOverlap(name, storage.Address.Value, (ulong)needed);
                break;
            case "Compact":
                if (storage.Size != (ulong)needed)
                {
                    throw new Hdf5Exception(
                        Path,
                        name,
                        "storage",
                        $"{what}, but its compact storage holds {storage.Size} bytes."
                    );
                }

                break;
            case "Chunked":
                CheckChunked(name, what, needed, storage.FilterIds);
                break;
            default:
                throw new Hdf5Exception(
                    Path,
                    name,
                    "layout",
                    $"{storage.Layout} layout (data in other files) is not supported."
                );
        }
    }

    /// <summary>
    /// Two datasets never share raw bytes, so a data address that points into another dataset's storage is a
    /// corrupt address (the format has no checksum that would catch it), not data to return.
    /// </summary>
    private void CheckNoOverlap(string name, ulong start, ulong length)
    {
        _contiguousExtents ??= ContiguousExtents();
        foreach ((string other, (ulong otherStart, ulong otherLength)) in _contiguousExtents)
        {
            if (other != name && otherLength > 0 && start < otherStart + otherLength && otherStart < start + length)
            {
                throw new Hdf5Exception(
                    Path,
                    name,
                    "storage",
                    $"bytes {start}..{start + length} overlap the storage of "
                        + $"dataset '{other}' ({otherStart}..{otherStart + otherLength}); "
                        + "the data address is corrupt."
                );
            }
        }
    }

    /// <summary>Start and size of every contiguous dataset whose layout decodes and lies inside the file.</summary>
    private Dictionary<string, (ulong Start, ulong Length)> ContiguousExtents()
    {
        var extents = new Dictionary<string, (ulong, ulong)>(StringComparer.Ordinal);
        foreach (string name in DatasetNames())
        {
            try
            {
                if (Find(ThrowIfDisposed(), name) is NativeDataset dataset
                    && Hdf5Metadata.Storage(dataset) is { Layout: "Contiguous", Address: { } a, Size: { } size }
                    && a <= (ulong)_fileLength && size <= (ulong)_fileLength - a)
                {
                    extents[name] = (a, size);
                }
            }
            catch (Exception)
            {
                // Another dataset's corrupt layout is reported when that dataset is read.
            }
        }

        return extents;
    }

    private void CheckChunked(string name, string what, long needed, IReadOnlyList<int> filterIds)
    {
        // 1 = deflate, 2 = shuffle, 3 = fletcher32 (H5Zpublic.h); others could expand data without bound.
        int unsupported = filterIds.FirstOrDefault(id => id is not (1 or 2 or 3));
        if (unsupported != 0)
        {
            throw new Hdf5Exception(
                Path,
                name,
                "filters",
                $"filter {unsupported} is not supported (only deflate, shuffle and fletcher32)."
            );
        }

        long limit = filterIds.Contains(1)
            ? (_fileLength > long.MaxValue / MaxDeflateRatio ? long.MaxValue : _fileLength * MaxDeflateRatio)
            : _fileLength;
        if (needed > limit)
        {
            throw new Hdf5Exception(
                Path,
                name,
                "storage",
                $"{what}, more than the {_fileLength}-byte file can "
                    + $"hold{(filterIds.Contains(1) ? " even deflated" : string.Empty)} "
                    + "(chunks never written?)."
            );
        }
    }
}
