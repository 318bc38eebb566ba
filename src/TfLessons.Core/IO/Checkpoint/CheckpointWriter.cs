using System.Text;
using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Writes TensorFlow V2 checkpoints that TF 1.x <c>tf.train.Saver.restore</c> (and TF2) can read. The
/// <c>.index</c> is byte-for-byte what TensorFlow's <c>BundleWriter</c> produces for the same tensors.
/// </summary>
public static class CheckpointWriter
{
    /// <summary>
    /// Writes <c>&lt;prefix&gt;.data-00000-of-00001</c> and <c>&lt;prefix&gt;.index</c>.
    /// </summary>
    /// <remarks>
    /// Tensors are stored in bytewise key order (the order TF1's Saver adds them) with no padding. Both files
    /// are first written to temporary files in the same directory and flushed. When the prefix already holds a
    /// checkpoint, that pair is first kept under <see cref="CheckpointFiles.BackupOf"/>; then the old index is
    /// deleted, the data file is renamed into place, the index is renamed last and the backup goes. A crash at any
    /// moment leaves the old or the new pair complete, and an index never points at the wrong data.
    /// </remarks>
    /// <returns>The index entries written, in key order.</returns>
    /// <exception cref="ArgumentException">Duplicate, empty or reserved names.</exception>
    /// <exception cref="InvalidDataException">A tensor's data does not match its dtype and shape.</exception>
    public static IReadOnlyList<CheckpointEntry> Write(string prefix, IEnumerable<CheckpointTensor> tensors)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        List<CheckpointTensor> sorted = SortAndCheckNames(tensors, t => t.Name);
        foreach (CheckpointTensor t in sorted)
        {
            t.Validate();
        }

        string dataPath = CheckpointPaths.Data(prefix);
        string indexPath = CheckpointPaths.Index(prefix);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(indexPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory); // BundleWriter creates the directory too.
        }

        var entries = new List<CheckpointEntry>(sorted.Count);
        string dataTemp = AtomicFile.WriteTemp(dataPath, stream =>
        {
            long offset = 0;
            foreach (CheckpointTensor t in sorted)
            {
                stream.Write(t.Data);
                uint crc = t.DType == TfDataType.String
                    ? StringTensorCodec.Decode(t.Data, t.ElementCount, $"tensor '{t.Name}'").EntryCrc
                    : Crc32C.Compute(t.Data);
                entries.Add(new CheckpointEntry(t.Name, t.DType, t.Shape, 0, offset, t.Data.Length, Crc32C.Mask(crc)));
                offset += t.Data.Length;
            }
        });
        string? indexTemp = null;
        try
        {
            byte[] index = BuildIndex(entries);
            indexTemp = AtomicFile.WriteTemp(indexPath, stream => stream.Write(index));
            bool replacing = File.Exists(indexPath) && File.Exists(dataPath);
            if (replacing)
            {
                CheckpointFiles.BackUp(prefix, dataPath, indexPath);
            }
            AtomicFile.TryDelete(indexPath);
            AtomicFile.Commit(dataTemp, dataPath);
            AtomicFile.Commit(indexTemp, indexPath);
            // Also clears a backup that an interrupted earlier save left behind.
            CheckpointFiles.Delete(CheckpointFiles.BackupOf(prefix));
        }
        catch
        {
            AtomicFile.TryDelete(dataTemp);
            if (indexTemp is not null)
            {
                AtomicFile.TryDelete(indexTemp);
            }
            throw;
        }
        return entries;
    }

    /// <summary>
    /// Builds the bytes of a <c>.index</c> file for the given entries (header entry added, keys sorted,
    /// TF's block size, restart interval and footer; no compression). Useful for merging or re-indexing
    /// existing data files, and for checking the encoder against TensorFlow's own index files.
    /// </summary>
    /// <param name="entries">The tensor entries; their order does not matter.</param>
    /// <param name="header">The header to store; defaults to <see cref="CheckpointHeader.Default"/>.</param>
    public static byte[] BuildIndex(IEnumerable<CheckpointEntry> entries, CheckpointHeader? header = null)
    {
        List<CheckpointEntry> sorted = SortAndCheckNames(entries, e => e.Name);
        var table = new SsTableBuilder();
        table.Add([], BundleProtos.EncodeHeader(header ?? CheckpointHeader.Default));
        foreach (CheckpointEntry e in sorted)
        {
            table.Add(Encoding.UTF8.GetBytes(e.Name), BundleProtos.EncodeEntry(e));
        }
        return table.Finish();
    }

    // Bytewise UTF-8 order is what std::map<std::string> gives TF; culture-aware ordering would differ.
    private static List<T> SortAndCheckNames<T>(IEnumerable<T> items, Func<T, string> name)
    {
        ArgumentNullException.ThrowIfNull(items);
        var keyed = items.Select(i => (Key: Encoding.UTF8.GetBytes(name(i) ?? ""), Item: i)).ToList();
        keyed.Sort((a, b) => SsTableBuilder.Compare(a.Key, b.Key));
        for (int i = 0; i < keyed.Count; i++)
        {
            string n = name(keyed[i].Item);
            if (keyed[i].Key.Length == 0)
            {
                throw new ArgumentException("Tensor names must be non-empty: the empty key holds the bundle header.");
            }
            if (keyed[i].Key[0] == 0)
            {
                throw new ArgumentException($"Tensor name '{n}' starts with NUL, which is reserved for slice keys.");
            }
            if (i > 0 && keyed[i].Key.AsSpan().SequenceEqual(keyed[i - 1].Key))
            {
                throw new ArgumentException($"Duplicate tensor name '{n}'.");
            }
        }
        return keyed.Select(k => k.Item).ToList();
    }
}
