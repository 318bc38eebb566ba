using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Builds one SSTable block (tensorflow/core/lib/io/block_builder.cc): prefix-compressed entries
/// followed by the restart-point array and its count.
/// </summary>
internal sealed class BlockBuilder
{
    private readonly int _restartInterval;
    private readonly ByteBuffer _buffer = new();
    private readonly List<uint> _restarts = [0];
    private byte[] _lastKey = [];
    private int _counter;

    public BlockBuilder(int restartInterval) => _restartInterval = restartInterval;

    public bool IsEmpty => _buffer.Length == 0;

    /// <summary>Same estimate TF uses to decide when to cut a block: entries + restart array + count.</summary>
    public long CurrentSizeEstimate => _buffer.Length + (long)_restarts.Count * 4 + 4;

    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        int shared = 0;
        if (_counter < _restartInterval)
        {
            int max = Math.Min(_lastKey.Length, key.Length);
            while (shared < max && _lastKey[shared] == key[shared])
            {
                shared++;
            }
        }
        else
        {
            // A restart point stores its key in full so readers can binary-search the restarts.
            _restarts.Add((uint)_buffer.Length);
            _counter = 0;
        }
        _buffer.WriteVarint((ulong)shared);
        _buffer.WriteVarint((ulong)(key.Length - shared));
        _buffer.WriteVarint((ulong)value.Length);
        _buffer.Write(key[shared..]);
        _buffer.Write(value);
        _lastKey = key.ToArray();
        _counter++;
    }

    public byte[] Finish()
    {
        foreach (uint restart in _restarts)
        {
            _buffer.WriteFixed32(restart);
        }
        _buffer.WriteFixed32((uint)_restarts.Count);
        return _buffer.ToArray();
    }
}

/// <summary>
/// Writes a LevelDB-style table exactly as TensorFlow's <c>table_builder.cc</c> does with the options
/// <c>BundleWriter</c> uses (no compression), so the bytes match TensorFlow's <c>.index</c> files.
/// </summary>
internal sealed class SsTableBuilder
{
    /// <summary>TF <c>table_options.h</c> default: 256 KiB of uncompressed entries per data block.</summary>
    public const int DefaultBlockSize = 262144;

    /// <summary>TF <c>table_options.h</c> default restart interval for data blocks.</summary>
    public const int DefaultRestartInterval = 16;

    /// <summary>SSTable footer magic, <c>kTableMagicNumber</c> (first 64 bits of a SHA-1).</summary>
    public const ulong TableMagic = 0xdb4775248b80fb57UL;

    public const int FooterLength = 48;

    private readonly int _blockSize;
    private readonly ByteBuffer _output = new();
    private readonly int _restartInterval;
    private BlockBuilder _dataBlock;
    // The index block always uses restart interval 1 (table_builder.cc, Rep constructor).
    private readonly BlockBuilder _indexBlock = new(1);
    private byte[] _lastKey = [];
    private long _entries;
    private bool _pendingIndexEntry;
    private (long Offset, long Size) _pendingHandle;

    public SsTableBuilder(int blockSize = DefaultBlockSize, int restartInterval = DefaultRestartInterval)
    {
        _blockSize = blockSize;
        _restartInterval = restartInterval;
        _dataBlock = new BlockBuilder(restartInterval);
    }

    public void Add(byte[] key, ReadOnlySpan<byte> value)
    {
        if (_entries > 0)
        {
            if (Compare(key, _lastKey) <= 0)
            {
                throw new ArgumentException("SSTable keys must be added in strictly increasing bytewise order.");
            }
            // TF's revision: an entry of at least 2 × block_size bytes first closes the current block.
            if ((long)key.Length + value.Length >= 2L * _blockSize)
            {
                Flush();
            }
        }
        if (_pendingIndexEntry)
        {
            // Emitted lazily so the index key can be a short separator between the two blocks.
            AddIndexEntry(FindShortestSeparator(_lastKey, key));
        }
        _dataBlock.Add(key, value);
        _lastKey = key;
        _entries++;
        if (_dataBlock.CurrentSizeEstimate >= _blockSize)
        {
            Flush();
        }
    }

    public byte[] Finish()
    {
        Flush();
        (long Offset, long Size) metaIndex = WriteBlock(new BlockBuilder(_restartInterval));
        if (_pendingIndexEntry)
        {
            AddIndexEntry(FindShortSuccessor(_lastKey));
        }
        (long Offset, long Size) index = WriteBlock(_indexBlock);

        long footerStart = _output.Length;
        _output.WriteVarint((ulong)metaIndex.Offset);
        _output.WriteVarint((ulong)metaIndex.Size);
        _output.WriteVarint((ulong)index.Offset);
        _output.WriteVarint((ulong)index.Size);
        while (_output.Length < footerStart + 40)
        {
            _output.WriteByte(0);
        }
        _output.WriteFixed32((uint)(TableMagic & 0xffffffff));
        _output.WriteFixed32((uint)(TableMagic >> 32));
        return _output.ToArray();
    }

    /// <summary>Bytewise comparison (memcmp, then length), the order TF's tables use.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    /// <summary>LevelDB <c>BytewiseComparator::FindShortestSeparator</c>.</summary>
    public static byte[] FindShortestSeparator(byte[] start, byte[] limit)
    {
        int min = Math.Min(start.Length, limit.Length);
        int diff = 0;
        while (diff < min && start[diff] == limit[diff])
        {
            diff++;
        }
        if (diff < min && start[diff] < 0xff && start[diff] + 1 < limit[diff])
        {
            byte[] result = start[..(diff + 1)];
            result[diff]++;
            return result;
        }
        return start;
    }

    /// <summary>LevelDB <c>BytewiseComparator::FindShortSuccessor</c>.</summary>
    public static byte[] FindShortSuccessor(byte[] key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] != 0xff)
            {
                byte[] result = key[..(i + 1)];
                result[i]++;
                return result;
            }
        }
        return key;
    }

    private void AddIndexEntry(byte[] key)
    {
        var handle = new ByteBuffer(20);
        handle.WriteVarint((ulong)_pendingHandle.Offset);
        handle.WriteVarint((ulong)_pendingHandle.Size);
        _indexBlock.Add(key, handle.Span);
        _pendingIndexEntry = false;
    }

    private void Flush()
    {
        if (_dataBlock.IsEmpty)
        {
            return;
        }
        _pendingHandle = WriteBlock(_dataBlock);
        _dataBlock = new BlockBuilder(_restartInterval);
        _pendingIndexEntry = true;
    }

    // Always block type 0: BundleWriter disables Snappy so old and mobile TF builds can read the index.
    private (long Offset, long Size) WriteBlock(BlockBuilder block)
    {
        byte[] contents = block.Finish();
        long offset = _output.Length;
        _output.Write(contents);
        const byte noCompression = 0;
        uint crc = Crc32C.Extend(Crc32C.Compute(contents), [noCompression]);
        _output.WriteByte(noCompression);
        _output.WriteFixed32(Crc32C.Mask(crc));
        return (offset, contents.Length);
    }
}
