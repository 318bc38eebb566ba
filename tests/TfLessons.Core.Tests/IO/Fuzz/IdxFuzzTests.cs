using System.Buffers.Binary;
using Xunit.Abstractions;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Seeded mutations of IDX files, raw and gzip. Gzip cases mutate the uncompressed bytes (then
/// re-compress, so CRC-32 and ISIZE are valid), the deflate body with a repaired trailer, and the trailer.
/// </summary>
public sealed class IdxFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private int _case;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void IdxMutationsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("IDX");
        var rng = new Mutator(FuzzHarness.Seed(9005));
        byte[] images = Idx(IdxFile.ImagesMagic, [3, 4, 5]);
        byte[] labels = Idx(IdxFile.LabelsMagic, [7]);
        foreach (byte[] raw in new[] { images, labels })
        {
            byte[] gz = Repair.Gzip(raw);
            Run(harness, raw, ".idx", "unmodified", mustParse: true);
            Run(harness, gz, ".gz", "unmodified gzip", mustParse: true);
            for (int i = 0; i < FuzzHarness.Scaled(50); i++)
            {
                Run(harness, rng.Mutate(raw), ".idx", $"raw #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(50); i++)
            {
                // Header fields (magic, dims) get half the mutations: they size the output.
                int hi = rng.Random.Next(2) == 0 ? Math.Min(raw.Length, 16) : raw.Length;
                Run(harness, Repair.Gzip(rng.Mutate(raw, 0, hi)), ".gz", $"inflated content #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(40); i++)
            {
                byte[] mutated = rng.MutateInPlace(gz, 10, gz.Length - 8);
                Repair.RepairGzipTrailer(mutated);
                Run(harness, mutated, ".gz", $"deflate body #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(30); i++)
            {
                Run(harness, rng.Mutate(gz), ".gz", $"raw gzip #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(10); i++)
            {
                // A consistent lie: header dimension and gzip ISIZE both claim a huge file the data does not hold.
                byte[] lying = (byte[])raw.Clone();
                uint claimed = rng.InterestingValue() & 0x7fffffff;
                BinaryPrimitives.WriteUInt32BigEndian(lying.AsSpan(4), claimed);
                byte[] lyingGz = Repair.Gzip(lying);
                long implied =
                    4
                    + (4L * raw[3])
                    + (
                        (long)claimed
                        * (raw.Length - 4 - (4 * raw[3]))
                        / BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4))
                    );
                BinaryPrimitives.WriteUInt32LittleEndian(lyingGz.AsSpan(lyingGz.Length - 4), (uint)implied);
                Run(harness, lyingGz, ".gz", $"consistent header and ISIZE #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(5); i++)
            {
                byte[] trailer = (byte[])gz.Clone();
                BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(trailer.Length - 4), rng.InterestingValue());
                Run(harness, trailer, ".gz", $"ISIZE #{i}");
            }
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    internal static byte[] Idx(int magic, int[] dims)
    {
        int count = dims.Aggregate(1, (a, d) => a * d);
        var bytes = new byte[4 + (4 * dims.Length) + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }
        for (int i = 0; i < count; i++)
        {
            bytes[4 + (4 * dims.Length) + i] = (byte)(i * 37);
        }
        return bytes;
    }

    private void Run(FuzzHarness harness, byte[] file, string extension, string what, bool mustParse = false)
    {
        string path = _dir.File($"fz{++_case:D5}{extension}");
        string token = Path.GetFileName(path);
        File.WriteAllBytes(path, file);
        harness.Run($"{token} ({what})", token, () =>
        {
            IdxData d = IdxFile.Read(path);
            Assert.Equal(d.Dimensions.Aggregate(1L, (a, x) => a * x), d.Data.LongLength);
        }, mustParse);
        File.Delete(path);
    }
}
