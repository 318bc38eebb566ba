using System.Globalization;

namespace TfLessons.IO.Internal;

/// <summary>
/// Temp-file-then-rename writes, mirroring TensorFlow's <c>.tempstate&lt;random&gt;</c> scheme: a reader
/// either sees the old file or the complete new one, never a partial write.
/// </summary>
internal static class AtomicFile
{
    private const string TempMarker = ".tempstate";

    /// <summary>
    /// A unique temporary name in the same directory, so the final rename stays on one filesystem. It carries the
    /// writer's process id, so a later sweep can tell a crashed writer's leftovers from a live writer's files.
    /// </summary>
    public static string TempPathFor(string finalPath) =>
        $"{finalPath}{TempMarker}{Environment.ProcessId}-{(ulong)System.Random.Shared.NextInt64():D}";

    /// <summary>Writes a temporary file with <paramref name="write"/>, flushed to disk, and returns its path.</summary>
    public static string WriteTemp(string finalPath, Action<FileStream> write)
    {
        string temp = TempPathFor(finalPath);
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return temp;
    }

    public static void WriteAllBytes(string finalPath, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        string temp = WriteTemp(finalPath, s => s.Write(copy));
        Commit(temp, finalPath);
    }

    /// <summary>Renames the temporary file into place and syncs the directory, so the rename itself is
    /// durable.</summary>
    public static void Commit(string tempPath, string finalPath)
    {
        try
        {
            File.Move(tempPath, finalPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        DurableFs.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(finalPath))!);
    }

    /// <summary>
    /// Deletes the temporary files that writers which are no longer running left in <paramref name="directory"/>:
    /// ours name their process; TensorFlow's and older ones (no process id) go once they are an hour old.
    /// </summary>
    public static void SweepStaleTemps(string directory)
    {
        if (!Directory.Exists(directory)) return;
        foreach (string path in Directory.EnumerateFiles(directory, "*" + TempMarker + "*"))
        {
            string tail = path[(path.LastIndexOf(TempMarker, StringComparison.Ordinal) + TempMarker.Length)..];
            int dash = tail.IndexOf('-');
            bool stale =
                dash > 0 && int.TryParse(tail[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                    ? pid != Environment.ProcessId && !DurableFs.ProcessIsAlive(pid)
                    : DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TimeSpan.FromHours(1);
            if (stale)
                TryDelete(path);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless, TensorBoard/TF ignore it, and the next sweep retries.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
