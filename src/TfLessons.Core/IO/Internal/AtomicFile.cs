namespace TfLessons.IO.Internal;

/// <summary>
/// Temp-file-then-rename writes, mirroring TensorFlow's <c>.tempstate&lt;random&gt;</c> scheme: a reader
/// either sees the old file or the complete new one, never a partial write.
/// </summary>
internal static class AtomicFile
{
    /// <summary>A unique temporary name in the same directory, so the final rename stays on one filesystem.</summary>
    public static string TempPathFor(string finalPath) =>
        $"{finalPath}.tempstate{(ulong)System.Random.Shared.NextInt64():D}";

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
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless and TensorBoard/TF ignore it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
