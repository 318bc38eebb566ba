using System.Runtime.InteropServices;

namespace TfLessons.IO.Internal;

/// <summary>
/// The POSIX calls .NET does not expose: a directory fsync, so a rename survives power loss, and hard links, so a
/// backup of a checkpoint costs no copy.
/// </summary>
internal static partial class DurableFs
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux.

    /// <summary>Flushes a directory's entries (renames, creations) to disk; a no-op where the OS has no such
    /// call.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
            return; // The files themselves were fsynced; a directory we cannot open is not worth failing a save.
        try
        {
            Fsync(fd);
        }
        finally
        {
            Close(fd);
        }
    }

    /// <summary>Makes <paramref name="linkPath"/> a second name of <paramref name="existingPath"/>, or copies it where
    /// links fail.</summary>
    public static void LinkOrCopy(string existingPath, string linkPath)
    {
        if (OperatingSystem.IsLinux() && Link(existingPath, linkPath) == 0) return;
        // Copy through a temporary name, so a half-copied file never carries the final name.
        string temp = AtomicFile.TempPathFor(linkPath);
        File.Copy(existingPath, temp);
        using (var stream = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) stream.Flush(flushToDisk: true);
        File.Move(temp, linkPath, overwrite: true);
    }

    /// <summary>Whether a process with this id runs on this machine (Linux: /proc; elsewhere assume it does).</summary>
    public static bool ProcessIsAlive(int pid) =>
        !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}");

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string linkPath);
}
