using Microsoft.Win32.SafeHandles;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Reads a TensorFlow V2 checkpoint ("tensor bundle") given its prefix, e.g. <c>dir/model.ckpt-1000</c>.
/// </summary>
/// <remarks>
/// <see cref="Open"/> reads and validates only the <c>.index</c> file; tensor bytes are read on demand
/// from the data file(s), and every read verifies the tensor's stored CRC-32C. All errors name the file
/// and, where one is involved, the tensor. Instances are safe for concurrent reads.
/// </remarks>
public sealed class CheckpointReader : IDisposable
{
    private readonly Dictionary<string, CheckpointEntry> _byName;
    // A dictionary, not an array sized by num_shards: that header field comes from the file.
    private readonly Dictionary<int, SafeFileHandle> _shards = [];
    private bool _disposed;

    private CheckpointReader(string prefix, BundleIndex index)
    {
        Prefix = prefix;
        Header = index.Header;
        Entries = index.Entries;
        _byName = index.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>The checkpoint prefix this reader was opened with.</summary>
    public string Prefix { get; }

    /// <summary>Path of the <c>.index</c> file.</summary>
    public string IndexPath => CheckpointPaths.Index(Prefix);

    /// <summary>The decoded header entry.</summary>
    public CheckpointHeader Header { get; }

    /// <summary>All tensor entries in key order (bytewise UTF-8 order, as stored).</summary>
    public IReadOnlyList<CheckpointEntry> Entries { get; }

    /// <summary>All tensor names in key order.</summary>
    public IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <summary>Opens a checkpoint by prefix, reading and validating its index.</summary>
    /// <exception cref="FileNotFoundException">There is no <c>&lt;prefix&gt;.index</c>.</exception>
    /// <exception cref="InvalidDataException">The index is corrupt (message names the file and field).</exception>
    /// <exception cref="NotSupportedException">Big-endian or too-new bundles.</exception>
    public static CheckpointReader Open(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        string indexPath = CheckpointPaths.Index(prefix);
        if (!File.Exists(indexPath))
        {
            throw new FileNotFoundException(
                $"Checkpoint index '{indexPath}' not found (a V2 "
                    + $"checkpoint exists only once its .index file is written).",
                indexPath
            );
        }
        return new CheckpointReader(prefix, BundleIndex.Parse(File.ReadAllBytes(indexPath), indexPath));
    }

    /// <summary>True when the checkpoint has a tensor with this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The index entry of a tensor.</summary>
    /// <exception cref="KeyNotFoundException">No such tensor.</exception>
    public CheckpointEntry GetEntry(string name) =>
        _byName.TryGetValue(name, out CheckpointEntry? entry)
            ? entry
            : throw new KeyNotFoundException($"Checkpoint '{Prefix}' has no tensor named '{name}'.");

    /// <summary>Reads one tensor's bytes and verifies its checksum.</summary>
    /// <exception cref="InvalidDataException">Truncated data file or checksum mismatch (names file and
    /// tensor).</exception>
    /// <exception cref="NotSupportedException">The tensor is a sliced (partitioned) variable.</exception>
    public CheckpointTensor ReadTensor(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckpointEntry entry = GetEntry(name);
        if (entry.SliceCount > 0)
        {
            throw new NotSupportedException(
                $"Checkpoint '{Prefix}', tensor '{name}': stored as "
                    + $"{entry.SliceCount} slice(s) of a partitioned variable; "
                    + "sliced entries are not supported (re-save the variable unpartitioned)."
            );
        }

        string dataPath = CheckpointPaths.Data(Prefix, entry.ShardId, Header.NumShards);
        string where = $"Checkpoint data file '{dataPath}', tensor '{name}'";
        SafeFileHandle handle = GetShard(entry.ShardId, dataPath, name);
        long fileLength = RandomAccess.GetLength(handle);
        if (entry.Offset > fileLength || entry.Size > fileLength - entry.Offset)
        {
            throw new InvalidDataException(
                $"{where}: needs bytes [{entry.Offset}, "
                    + $"{entry.Offset + entry.Size}) but the file is {fileLength} bytes; "
                    + "the data file is truncated or the index is corrupt."
            );
        }
        if (entry.Size > Array.MaxLength)
        {
            throw new NotSupportedException(
                $"{where}: size {entry.Size} bytes exceeds the largest .NET array "
                    + $"({Array.MaxLength} bytes); tensors over 2 GB are not supported."
            );
        }

        var data = new byte[entry.Size];
        int read = 0;
        while (read < data.Length)
        {
            int n = RandomAccess.Read(handle, data.AsSpan(read), entry.Offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"{where}: unexpected end of file at offset {entry.Offset + read}.");
            }
            read += n;
        }

        uint actual = entry.DType == TfDataType.String
            ? StringTensorCodec.Verify(data, TensorShapes.ElementCount(entry.Shape), where)
            : Crc32C.Compute(data);
        uint expected = Crc32C.Unmask(entry.MaskedCrc32C);
        if (actual != expected)
        {
            throw new InvalidDataException(
                $"{where}: checksum mismatch (index says crc32c 0x{expected:x8}, "
                    + $"data has 0x{actual:x8}); the data file is corrupt."
            );
        }
        return new CheckpointTensor(name, entry.DType, entry.Shape, data);
    }

    /// <summary>Reads every tensor in key order.</summary>
    public IEnumerable<CheckpointTensor> ReadAll()
    {
        foreach (CheckpointEntry entry in Entries)
        {
            yield return ReadTensor(entry.Name);
        }
    }

    /// <summary>Closes the data files.</summary>
    public void Dispose()
    {
        lock (_shards)
        {
            _disposed = true;
            foreach (SafeFileHandle h in _shards.Values)
            {
                h.Dispose();
            }
            _shards.Clear();
        }
    }

    private SafeFileHandle GetShard(int shardId, string dataPath, string tensorName)
    {
        lock (_shards)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_shards.TryGetValue(shardId, out SafeFileHandle? existing))
            {
                return existing;
            }
            try
            {
                return _shards[shardId] = File.OpenHandle(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read);
            }
            catch (FileNotFoundException e)
            {
                throw new FileNotFoundException(
                    $"Checkpoint data file '{dataPath}' (needed for tensor '{tensorName}') not found.", dataPath, e);
            }
        }
    }
}
