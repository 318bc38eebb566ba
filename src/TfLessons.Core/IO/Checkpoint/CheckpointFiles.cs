using TfLessons.IO.Internal;

namespace TfLessons.IO.Checkpoint;

/// <summary>
/// Which checkpoints on disk are complete, and the backup that keeps a prefix restorable while it is overwritten.
/// </summary>
/// <remarks>
/// A V2 checkpoint is complete when its index and its data file both exist: writers move the data in first and the
/// index last, and delete the index first. While a save replaces an existing prefix, the old pair stays reachable
/// under <c>PREFIX.backup</c> (hard links, so no copy), which <see cref="Resolve"/> returns until the new pair is in.
/// </remarks>
public static class CheckpointFiles
{
    /// <summary>The prefix under which the previous pair is kept while <paramref name="prefix"/> is
    /// overwritten.</summary>
    public static string BackupOf(string prefix) => prefix + ".backup";

    /// <summary>Whether <paramref name="prefix"/> names a complete checkpoint (V2 index + first data shard, or a V1
    /// file).</summary>
    public static bool IsComplete(string prefix)
    {
        if (!File.Exists(CheckpointPaths.Index(prefix))) return File.Exists(prefix) && !Directory.Exists(prefix);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        string name = Path.GetFileName(prefix) + ".data-00000-of-";
        return dir is not null && Directory.EnumerateFiles(dir, name + "*").Any();
    }

    /// <summary>
    /// The complete checkpoint that stands for <paramref name="prefix"/>: the prefix itself, or its backup when a save
    /// over it was interrupted; null when neither is complete.
    /// </summary>
    public static string? Resolve(string prefix)
    {
        if (IsComplete(prefix)) return prefix;
        string backup = BackupOf(prefix);
        return File.Exists(CheckpointPaths.Index(backup)) && IsComplete(backup) ? backup : null;
    }

    /// <summary>Deletes a checkpoint's files, index first so that no moment shows an index without its data.</summary>
    public static void Delete(string prefix)
    {
        AtomicFile.TryDelete(CheckpointPaths.Index(prefix));
        string? dir = Path.GetDirectoryName(Path.GetFullPath(prefix));
        if (dir is not null && Directory.Exists(dir))
        {
            foreach (string data in Directory.EnumerateFiles(dir, Path.GetFileName(prefix) + ".data-*-of-*"))
            {
                AtomicFile.TryDelete(data);
            }
        }
        AtomicFile.TryDelete(prefix + ".meta");
    }

    /// <summary>Keeps the existing pair of <paramref name="prefix"/> restorable under its backup name.</summary>
    internal static void BackUp(string prefix, string dataPath, string indexPath)
    {
        string backup = BackupOf(prefix);
        Delete(backup);
        DurableFs.LinkOrCopy(dataPath, CheckpointPaths.Data(backup));
        DurableFs.LinkOrCopy(indexPath, CheckpointPaths.Index(backup));
        DurableFs.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(indexPath))!);
    }
}
