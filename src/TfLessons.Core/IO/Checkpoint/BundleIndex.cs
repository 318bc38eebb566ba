using System.Text;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// The decoded contents of a <c>.index</c> file: the header and every tensor entry, validated so that
/// later reads can trust shard ids, sizes and shapes.
/// </summary>
internal sealed class BundleIndex
{
    private BundleIndex(CheckpointHeader header, IReadOnlyList<CheckpointEntry> entries)
    {
        Header = header;
        Entries = entries;
    }

    public CheckpointHeader Header { get; }

    public IReadOnlyList<CheckpointEntry> Entries { get; }

    public static BundleIndex Parse(byte[] file, string path)
    {
        string where = $"Checkpoint index '{path}'";
        List<(byte[] Key, byte[] Value)> items = SsTableReader.ReadAll(file, path);
        // The empty key sorts first, so TF guarantees the header is entry 0 ("kHeaderEntryKey").
        if (items.Count == 0 || items[0].Key.Length != 0)
        {
            throw new InvalidDataException($"{where}: missing the header entry (empty key); not a tensor bundle.");
        }
        CheckpointHeader header = BundleProtos.DecodeHeader(items[0].Value, $"{where}: header (BundleHeaderProto)");
        ValidateHeader(header, where);

        var entries = new List<CheckpointEntry>(items.Count - 1);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (int i = 1; i < items.Count; i++)
        {
            byte[] key = items[i].Key;
            // Keys starting with 0x00 are OrderedCode-encoded slice keys of partitioned variables. They are
            // reachable only through their full-tensor entry (which carries `slices`), so they are not listed.
            if (key[0] == 0)
            {
                continue;
            }
            string name;
            try
            {
                name = strict.GetString(key);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"{where}: entry #{i} has a key that is not valid UTF-8.");
            }
            string context = $"{where}, tensor '{name}'";
            CheckpointEntry entry = BundleProtos.DecodeEntry(name, items[i].Value, context + " (BundleEntryProto)");
            ValidateEntry(entry, header, context);
            entries.Add(entry);
        }
        return new BundleIndex(header, entries);
    }

    private static void ValidateHeader(CheckpointHeader header, string where)
    {
        if (header.IsBigEndian)
        {
            throw new NotSupportedException(
                $"{where}: header field endianness is BIG (written on a "
                    + $"big-endian machine); byte-swapping is not supported."
            );
        }
        // CheckVersions(version, kTensorBundleVersion = 1, kTensorBundleMinProducer = 0, ...), versions.proto rules.
        const int ourVersion = 1;
        if (header.Producer < 0 || header.MinConsumer > ourVersion || header.BadConsumers.Contains(ourVersion))
        {
            throw new NotSupportedException(
                $"{where}: bundle version (producer {header.Producer}, min_consumer {header.MinConsumer}, "
                    + $"bad_consumers [{string.Join(", ", header.BadConsumers)}]) "
                    + $"is not readable by a version-{ourVersion} reader."
            );
        }
        if (header.NumShards < 1)
        {
            throw new InvalidDataException($"{where}: header declares {header.NumShards} shards.");
        }
    }

    private static void ValidateEntry(CheckpointEntry entry, CheckpointHeader header, string context)
    {
        if (entry.SliceCount > 0)
        {
            return; // Its shard/offset/size are ignored by TF; ReadTensor reports it as unsupported.
        }
        if (entry.ShardId >= header.NumShards)
        {
            throw new InvalidDataException(
                $"{context}: shard_id {entry.ShardId} but the header declares {header.NumShards} shard(s).");
        }
        long count;
        try
        {
            count = TensorShapes.ElementCount(entry.Shape);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{context}: {e.Message}.", e);
        }
        if (entry.DType == TfDataType.String)
        {
            // Each element needs at least a 1-byte varint length, plus the 4-byte length checksum.
            if (entry.Size < 4 || count > entry.Size - 4)
            {
                throw new InvalidDataException(
                    $"{context}: size {entry.Size} is too small for a DT_STRING tensor of {count} element(s).");
            }
            return;
        }
        if (entry.DType.ElementSize() == 0)
        {
            return; // DT_VARIANT or an unknown type: raw bytes can still be read and checksummed.
        }
        long expected = count > long.MaxValue / entry.DType.ElementSize() ? -1 : count * entry.DType.ElementSize();
        if (entry.Size != expected)
        {
            throw new InvalidDataException(
                $"{context}: size {entry.Size} does not match {entry.DType.TfName()} shape " +
                $"{TensorShapes.Format(entry.Shape)} ({(expected < 0 ? "overflow" : expected.ToString())} bytes).");
        }
    }
}
