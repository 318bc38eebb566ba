using System.Diagnostics;
using Xunit.Abstractions;

namespace TfLessons.Tests.IO;

/// <summary>
/// Seeded byte mutations and truncations of real HDF5 files: every outcome must be the original data or an
/// Hdf5Exception naming the file, never another exception type, a crash, a hang or a huge allocation.
/// (libhdf5 1.10.8 crashed the process on 2 of 2,500 such mutations of test_signs.h5.)
/// </summary>
public sealed class Hdf5MutationTests(ITestOutputHelper output) : IDisposable
{
    private const int SignsMetadataEnd = 2144; // test_set_x's data starts here (h5py get_offset)
    private const long AllocationBudget = 64L << 20;
    private static readonly string[] SignsNames = ["list_classes", "test_set_x", "test_set_y"];

    private readonly TempDir _dir = new();

    [Fact]
    public void MetadataMutationsOfTestSignsGiveTheSameDataOrAnHdf5Error()
    {
        string source = Hdf5HostileFiles.TestSigns;
        byte[] original = File.ReadAllBytes(source);
        Dictionary<string, long[]> expected = ReadAll(source, SignsNames, out _)!;
        var rng = new System.Random(20261202);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < 1000; i++)
        {
            (string path, string edits) = Mutate(original, rng, i, 0, SignsMetadataEnd);
            Dictionary<string, long[]>? got = Run(path, edits, SignsNames, outcomes);
            if (got is not null)
            {
                // All of test_signs.h5's metadata precedes its data, and a data address moved onto another
                // dataset's bytes is refused, so no metadata change can yield other data without an error.
                foreach (string name in SignsNames)
                {
                    Assert.True(
                        expected[name].AsSpan().SequenceEqual(got[name]),
                        $"mutation {edits}: '{name}' read different data without an error"
                    );
                }
            }
        }

        Report(outcomes);
        Assert.True(
            outcomes.Keys.Count(k => k.StartsWith("Hdf5Exception", StringComparison.Ordinal)) >= 4,
            "the mutations hardly reached the checks"
        );
    }

    [Fact]
    public void MutationsOfMixedFixtureNeverThrowAnythingElse()
    {
        // mixed.h5 keeps metadata after its raw data (bytes 2048..2159, left alone here), so a corrupt data
        // address can point at metadata bytes: HDF5 1.10's default format has no checksum to catch that, and
        // such a read legitimately returns other numbers. What must hold: no other exception type, every error
        // names the file, and every array has as many elements as its shape says.
        string source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "mixed.h5");
        byte[] original = File.ReadAllBytes(source);
        string[] names = ["bytes", "doubles", "empty", "g/floats", "g/sub/ints", "g/uint16s", "scalar"];
        var rng = new System.Random(7);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < 600; i++)
        {
            (string path, string edits) = Mutate(original, rng, i, 0, original.Length, skipFrom: 2048, skipTo: 2159);
            Run(path, edits, names, outcomes);
        }

        Report(outcomes);
    }

    [Fact]
    public void EveryTruncationOfTestSignsGivesAnHdf5Error()
    {
        byte[] original = File.ReadAllBytes(Hdf5HostileFiles.TestSigns);
        var rng = new System.Random(11);
        var outcomes = new Dictionary<string, int>();
        for (int i = 0; i < 150; i++)
        {
            int length = i < 50 ? rng.Next(SignsMetadataEnd + 64) : rng.Next(original.Length);
            string path = _dir.File($"truncated-{i}.h5");
            File.WriteAllBytes(path, original.AsSpan(0, length).ToArray());
            Assert.Null(Run(path, $"length {length}", SignsNames, outcomes));
            File.Delete(path);
        }

        Report(outcomes);
    }

    public void Dispose() => _dir.Dispose();

    private (string Path, string Edits) Mutate(
        byte[] original,
        System.Random rng,
        int index,
        int from,
        int to,
        int skipFrom = 0,
        int skipTo = 0
    )
    {
        byte[] bytes = (byte[])original.Clone();
        var edits = new List<string>();
        for (int e = rng.Next(1, 5); e > 0; e--)
        {
            int at;
            do
            {
                at = rng.Next(from, to);
            }
            while (at >= skipFrom && at < skipTo);

            bytes[at] = rng.Next(3) switch
            {
                0 => (byte)(bytes[at] ^ (1 << rng.Next(8))),
                1 => 0xFF,
                _ => (byte)rng.Next(256),
            };
            edits.Add($"[{at}]=0x{bytes[at]:X2}");
        }

        string path = _dir.File($"mutation-{index}.h5");
        File.WriteAllBytes(path, bytes);
        return (path, string.Join(" ", edits));
    }

    /// <summary>Reads the datasets; null after an Hdf5Exception naming the file. Anything else fails the
    /// test.</summary>
    private Dictionary<string, long[]>? Run(string path, string edits, string[] names, Dictionary<string, int> outcomes)
    {
        Dictionary<string, long[]>? data = null;
        Exception? error = null;
        long allocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                data = ReadAll(path, names, out _);
            }
            catch (Exception ex)
            {
                error = ex;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), $"{edits}: reading hung");
        if (allocated >= AllocationBudget)
        {
            // Known PureHDF 2.2.0 limitation, outside this reader's reach: its metadata decoder allocates
            // new byte[count] for an int32 length field (local heap, fill value) before finding the file too
            // small. Bounded by int.MaxValue and freed at once; anything else over budget fails here.
            Assert.True(
                error is Hdf5Exception { InnerException.Message: "The file is too small" }
                    && allocated <= int.MaxValue + (16L << 20),
                $"{edits}: allocated {allocated} bytes ({error?.Message ?? "read succeeded"})"
            );
            Count(outcomes, "Hdf5Exception structure, after a PureHDF metadata buffer over 64 MB");
        }

        if (error is null)
        {
            Count(outcomes, "read");
            File.Delete(path);
            return data;
        }

        Hdf5Exception hdf5 = Assert.IsType<Hdf5Exception>(error, exactMatch: false);
        Assert.True(
            hdf5.FilePath == path && hdf5.Message.Contains(path, StringComparison.Ordinal),
            $"{edits}: error does not name the file: {hdf5.Message}"
        );
        Count(outcomes, $"Hdf5Exception {hdf5.Field ?? "(file)"}");
        File.Delete(path);
        return null;
    }

    /// <summary>Every dataset as int64 values (exact for all the test files' types) after listing the file.</summary>
    private static Dictionary<string, long[]>? ReadAll(string path, string[] names, out int listed)
    {
        using Hdf5File f = Hdf5File.OpenRead(path);
        listed = f.DatasetNames().Count;
        var result = new Dictionary<string, long[]>();
        foreach (string name in names)
        {
            Hdf5DatasetInfo info = f.GetInfo(name);
            long[] values = info.ElementType is Hdf5ElementType.Float32 or Hdf5ElementType.Float64
                ? f.ReadFloat64(name).Data.Select(BitConverter.DoubleToInt64Bits).ToArray()
                : f.ReadInt64(name).Data;
            Assert.Equal(info.Count, values.LongLength);
            result[name] = values;
        }

        return result;
    }

    private static void Count(Dictionary<string, int> outcomes, string key) =>
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;

    private void Report(Dictionary<string, int> outcomes)
    {
        foreach ((string key, int n) in outcomes.OrderByDescending(kv => kv.Value))
        {
            output.WriteLine($"{n,5} {key}");
        }
    }
}
