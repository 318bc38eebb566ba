using System.Diagnostics;

namespace TfLessons.Tests.IO;

/// <summary>
/// Hostile and unusual HDF5 files written once per test class by h5py under Debian's Python (python3-h5py, which
/// scripts/setup.sh installs), plus helpers that patch bytes of a real file.
/// </summary>
public sealed class Hdf5HostileFiles : IDisposable
{
    private const string Script = """
        import sys, h5py, numpy as np
        d = sys.argv[1]
        with h5py.File(d + '/unwritten.h5', 'w') as f:
            f.create_dataset('train_set_x', shape=(100000, 64, 64, 3), dtype='u1')
            f.create_dataset('train_set_y', shape=(100000,), dtype='i8')
            f.create_dataset('list_classes', data=np.arange(6, dtype='i8'))
        with h5py.File(d + '/chunked.h5', 'w') as f:
            f.create_dataset('plain', shape=(100000, 64, 64, 3), dtype='u1', chunks=(1, 64, 64, 3))
            f.create_dataset('deflated', shape=(100000, 64, 64, 3), dtype='u1', chunks=(1, 64, 64, 3),
                             compression='gzip')
            f.create_dataset('small', data=np.arange(1000, dtype='f4').reshape(10, 100), chunks=(5, 50),
                             compression='gzip', shuffle=True)
            f.create_dataset('lzf', data=np.arange(100, dtype='i4'), chunks=(10,), compression='lzf')
        with h5py.File(d + '/types.h5', 'w') as f:
            f.create_dataset('be_int32', data=np.array([1, 2, 3], dtype='>i4'))
            f.create_dataset('be_float64', data=np.array([1.5], dtype='>f8'))
            f.create_dataset('half', data=np.array([1.0], dtype='f2'))
            f.create_dataset('flags', data=np.array([True, False]))
            f.create_dataset('int64', data=np.array([2**53 + 1, -1], dtype='i8'))
            f.create_dataset('uint64', data=np.array([2**64 - 1], dtype='u8'))
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_layout(h5py.h5d.COMPACT)
            space = h5py.h5s.create_simple((4,))
            ds = h5py.h5d.create(f.id, b'compact', h5py.h5t.STD_I16LE, space, dcpl=dcpl)
            ds.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([-2, -1, 0, 7], dtype='<i2'))
        """;

    private readonly TempDir _dir = new();

    public Hdf5HostileFiles()
    {
        string script = _dir.File("make_hostile.py");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo(PythonReference.Interpreter)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(_dir.Path);
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {PythonReference.Interpreter}");
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"h5py could not write the hostile files (is python3-h5py "
                    + $"installed? scripts/setup.sh installs it): {stderr}"
            );
        }
    }

    public static string TestSigns => SharedData.Path("course", "test_signs.h5");

    public string Unwritten => _dir.File("unwritten.h5");

    public string Chunked => _dir.File("chunked.h5");

    public string Types => _dir.File("types.h5");

    /// <summary>Writes a copy of test_signs.h5 with <paramref name="patch"/> applied, under a fresh name.</summary>
    public string PatchedSigns(string name, Action<byte[]> patch)
    {
        byte[] bytes = File.ReadAllBytes(TestSigns);
        patch(bytes);
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Offsets of every occurrence of <paramref name="pattern"/> in the first <paramref name="limit"/>
    /// bytes.</summary>
    public static List<int> FindAll(byte[] bytes, ReadOnlySpan<byte> pattern, int limit)
    {
        var found = new List<int>();
        for (int from = 0; from < limit;)
        {
            int at = bytes.AsSpan(from, limit - from).IndexOf(pattern);
            if (at < 0)
            {
                break;
            }

            found.Add(from + at);
            from += at + 1;
        }

        Assert.NotEmpty(found); // the course file changed if this fails
        return found;
    }

    public void Dispose() => _dir.Dispose();
}
