using System.Diagnostics;
using System.Text;

namespace TfLessons.Tests.NumPy;

public sealed class NpyFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfl-npy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Every_dtype_round_trips_through_npy_and_npz()
    {
        NDArray[] arrays =
        [
            np.arange(12).astype(np.float32).reshape(3, 4) / 7f,
            np.linspace(0, 1, 5),
            np.array(new[,] { { 1, -2 }, { 3, 4 } }),
            np.arange(5),
            np.array(new byte[] { 0, 255, 7 }),
            np.array(true, false, true),
            np.array(3.5),
            np.arange(24).reshape(2, 3, 4)[":, ::-1, 1:3"],
        ];
        for (int i = 0; i < arrays.Length; i++)
        {
            np.save(PathOf($"a{i}"), arrays[i]);
            NDArray back = np.load(PathOf($"a{i}.npy"));
            Assert.Equal(arrays[i].dtype, back.dtype);
            Assert.Equal(arrays[i].Dims, back.Dims);
            Assert.True(np.array_equal(arrays[i], back));
        }
        np.savez_compressed(PathOf("all"), arrays.Select((a, i) => ($"a{i}", a)).ToArray());
        var loaded = np.load_npz(PathOf("all.npz"));
        Assert.Equal(arrays.Length, loaded.Count);
        Assert.True(np.array_equal(arrays[7], loaded["a7"]));
    }

    [Fact]
    public void Headers_are_padded_to_64_bytes_like_numpy()
    {
        np.save(PathOf("x.npy"), np.zeros((2, 3), np.float32));
        byte[] bytes = File.ReadAllBytes(PathOf("x.npy"));
        int headerLen = bytes[8] | bytes[9] << 8;
        Assert.Equal(0, (10 + headerLen) % 64);
        Assert.Equal((byte)'\n', bytes[10 + headerLen - 1]);
        Assert.StartsWith(
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
            Encoding.Latin1.GetString(bytes, 10, headerLen)
        );
    }

    [Fact]
    public void Lying_or_truncated_files_fail_naming_file_and_field()
    {
        string path = PathOf("bad.npy");
        File.WriteAllBytes(
            path,
            Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[16])
        );
        var e = Assert.Throws<InvalidDataException>(() => np.load(path));
        Assert.Contains("bad.npy", e.Message);
        Assert.Contains("field 'shape'", e.Message);

        File.WriteAllBytes(path, Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", new byte[16]));
        Assert.Contains(
            "needs 24 data bytes but only 16",
            Assert.Throws<InvalidDataException>(() => np.load(path)).Message
        );

        File.WriteAllBytes(path, Npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]));
        Assert.Contains("field 'descr' is '<c16'", Assert.Throws<NotSupportedException>(() => np.load(path)).Message);

        File.WriteAllBytes(path, Npy("{'descr': '<f8', 'shape': (1,), }", new byte[8]));
        Assert.Contains(
            "no valid field 'fortran_order'",
            Assert.Throws<InvalidDataException>(() => np.load(path)).Message
        );

        byte[] good = Npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        File.WriteAllBytes(path, good[..12]);
        Assert.Contains("runs past the end", Assert.Throws<InvalidDataException>(() => np.load(path)).Message);

        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("not numpy at all"));
        Assert.Contains("magic string missing", Assert.Throws<InvalidDataException>(() => np.load(path)).Message);
    }

    [Fact]
    public void Fortran_order_and_big_endian_are_read_as_numpy_means_them()
    {
        string path = PathOf("f.npy");
        // A 2x3 float64 array stored column-major: logical [[0,1,2],[3,4,5]].
        var data = new double[] { 0, 3, 1, 4, 2, 5 }.SelectMany(BitConverter.GetBytes).ToArray();
        File.WriteAllBytes(path, Npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", data));
        Assert.Equal(np.arange(6).astype(np.float64).reshape(2, 3), np.load(path));
        File.WriteAllBytes(
            path,
            Npy("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", [0, 0, 1, 2, 0, 0, 0, 7])
        );
        Assert.Equal(np.array(258, 7), np.load(path));
    }

    [NumPyFact]
    public void Debian_numpy_reads_what_we_write_and_we_read_what_it_writes()
    {
        var ours = np.arange(24).astype(np.float32).reshape(2, 3, 4)[":, 1:, ::2"] / 3f;
        np.save(PathOf("ours.npy"), ours);
        string code = $"import numpy as np; a = np.load('{PathOf("ours.npy")}'); print(a.dtype, a.shape); print(a); "
            + $"np.save('{PathOf("theirs.npy")}', np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3))); "
            + $"np.savez('{PathOf("theirs.npz")}', x=np.array([True, False]), y=np.array([1, 2], dtype=np.uint8))";
        var psi = new ProcessStartInfo(NumPyReference.Python, ["-c", code])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        Assert.Equal($"float32 (2, 2, 2)\n{ours}\n", stdout);
        Assert.Equal(np.arange(6).reshape(2, 3), np.load(PathOf("theirs.npy")));
        var npz = np.load_npz(PathOf("theirs.npz"));
        Assert.Equal(np.array(true, false), npz["x"]);
        Assert.Equal(np.array(new byte[] { 1, 2 }), npz["y"]);
    }

    private static byte[] Npy(string dict, byte[] data)
    {
        string header = dict.PadRight(((10 + dict.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        var bytes = new List<byte>
        {
            0x93,
            (byte)'N',
            (byte)'U',
            (byte)'M',
            (byte)'P',
            (byte)'Y',
            1,
            0,
            (byte)(header.Length & 0xff),
            (byte)(header.Length >> 8),
        };
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
