namespace TfLessons.IO.Checkpoint;

/// <summary>
/// One tensor's index record (<c>BundleEntryProto</c>): where its bytes live and how to check them.
/// Reading the index yields these without touching the data files.
/// </summary>
/// <param name="Name">The checkpoint key.</param>
/// <param name="DType">Element type.</param>
/// <param name="Shape">Dimensions, outermost first; empty for a scalar.</param>
/// <param name="ShardId">Which <c>.data-NNNNN-of-MMMMM</c> file holds the bytes.</param>
/// <param name="Offset">Byte offset in that file.</param>
/// <param name="Size">Byte length in that file.</param>
/// <param name="MaskedCrc32C">
/// <c>Mask(crc32c)</c> of the bytes (for DT_STRING, of the fixed-width lengths, length checksum and strings).
/// </param>
public sealed record CheckpointEntry(
    string Name, TfDataType DType, long[] Shape, int ShardId, long Offset, long Size, uint MaskedCrc32C)
{
    /// <summary>
    /// Number of <c>TensorSliceProto</c>s in the entry. Non-zero means a partitioned variable whose
    /// slices are stored under separate encoded keys; reading those is not supported.
    /// </summary>
    public int SliceCount { get; init; }
}

/// <summary>The bundle's header entry (<c>BundleHeaderProto</c>, stored under the empty key).</summary>
/// <param name="NumShards">Number of data files.</param>
/// <param name="IsBigEndian">True when the writer was big-endian (rejected by the reader).</param>
/// <param name="Producer"><c>VersionDef.producer</c> (TF writes 1).</param>
/// <param name="MinConsumer"><c>VersionDef.min_consumer</c> (TF writes 0).</param>
/// <param name="BadConsumers"><c>VersionDef.bad_consumers</c>.</param>
public sealed record CheckpointHeader(
    int NumShards, bool IsBigEndian, int Producer, int MinConsumer, IReadOnlyList<int> BadConsumers)
{
    /// <summary>What TensorFlow's <c>BundleWriter</c> writes: one shard, little-endian, version {producer:
    /// 1}.</summary>
    public static CheckpointHeader Default { get; } = new(1, false, 1, 0, []);
}

/// <summary>File names that make up a V2 checkpoint (tensorflow/core/util/tensor_bundle/naming.cc).</summary>
public static class CheckpointPaths
{
    /// <summary><c>&lt;prefix&gt;.index</c>: the checkpoint "exists" exactly when this file does.</summary>
    public static string Index(string prefix) => prefix + ".index";

    /// <summary><c>&lt;prefix&gt;.data-00000-of-00001</c> style data file name.</summary>
    public static string Data(string prefix, int shardId = 0, int numShards = 1) =>
        $"{prefix}.data-{shardId:D5}-of-{numShards:D5}";
}
