using System.Buffers.Binary;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Internal;
using Xunit.Abstractions;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Seeded mutations of checkpoint bundles: the <c>.index</c> SSTable (raw bytes, blocks with repaired
/// CRC-32C, Snappy blocks, re-encoded entries) and the data file (tensor bytes with repaired entry CRCs).
/// Every case must parse or fail with a documented exception naming the file, within the allocation ceiling.
/// </summary>
public sealed class CheckpointFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly (string Folder, string Prefix)[] Fixtures =
    [
        ("ckpt-tf1.11-saver-titanic", "model.ckpt"),
        ("ckpt-tf1.2-saver-v1-v2", "model.ckpt"),
        ("ckpt-tf1.0-saver-default-names", "model.ckpt"),
        ("ckpt-tf1.14-estimator-adam", "model.ckpt-0"),
        ("savedmodel-vars-tf1.12-layers", "variables"),
        ("savedmodel-vars-tf1.14-snappy", "variables"),
        ("savedmodel-vars-tf2.14-snappy-string", "variables"),
    ];

    private readonly TempDir _dir = new();
    private int _case;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void IndexMutationsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("checkpoint index");
        var rng = new Mutator(FuzzHarness.Seed(9001));
        foreach ((byte[] index, byte[]? data) in Bases())
        {
            Run(harness, index, data, "unmodified", mustParse: true);
            List<(int Offset, int Size)> blocks = Repair.SsTableBlocks(index);
            List<(byte[] Key, byte[] Value)> items = SsTableReader.ReadAll(index, "base");
            for (int i = 0; i < FuzzHarness.Scaled(30); i++)
            {
                Run(harness, rng.Mutate(index), data, $"raw #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(30); i++)
            {
                // Mutate inside one block (data, index or metaindex; Snappy-compressed ones included), then fix its
                // CRC.
                (int Offset, int Size) block = blocks[rng.Random.Next(blocks.Count)];
                byte[] mutated = rng.MutateInPlace(index, block.Offset, block.Offset + block.Size);
                Repair.RepairBlockCrc(mutated, block);
                Run(harness, mutated, data, $"block at {block.Offset} #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(30); i++)
            {
                // Re-encode the table around one mutated value (header or BundleEntryProto): valid framing, bad proto.
                int k = rng.Random.Next(items.Count);
                var table = new SsTableBuilder();
                for (int j = 0; j < items.Count; j++)
                {
                    table.Add(items[j].Key, j == k ? rng.Mutate(items[j].Value) : items[j].Value);
                }
                Run(harness, table.Finish(), data, $"entry {k} #{i}");
            }
        }
        byte[] indexOnly = File.ReadAllBytes(SharedData.Fixture("index-only-tf1.0-cnn-adam", "model.ckpt.index"));
        for (int i = 0; i < FuzzHarness.Scaled(40); i++)
        {
            Run(harness, rng.Mutate(indexOnly), null, $"index-only #{i}");
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    [Fact]
    public void DataMutationsWithRepairedCrcsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("checkpoint data");
        var rng = new Mutator(FuzzHarness.Seed(9002));
        foreach ((byte[] index, byte[]? data) in Bases())
        {
            CheckpointHeader header;
            List<CheckpointEntry> entries;
            string basePrefix = Write(index, data!);
            using (CheckpointReader reader = CheckpointReader.Open(basePrefix))
            {
                header = reader.Header;
                entries = [.. reader.Entries];
            }
            for (int i = 0; i < FuzzHarness.Scaled(15); i++)
            {
                Run(harness, index, rng.Mutate(data!), $"raw data #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(30); i++)
            {
                int k = rng.Random.Next(entries.Count);
                CheckpointEntry e = entries[k];
                byte[] mutated = rng.MutateInPlace(data!, (int)e.Offset, (int)(e.Offset + e.Size));
                uint crc = RepairedCrc(mutated.AsSpan((int)e.Offset, (int)e.Size), e);
                List<CheckpointEntry> repaired = [.. entries];
                repaired[k] = e with { MaskedCrc32C = Crc32C.Mask(crc) };
                Run(harness, CheckpointWriter.BuildIndex(repaired, header), mutated, $"tensor '{e.Name}' #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(10); i++)
            {
                // Length-field inflation in the decoded entry: huge shapes (wrapping products), sizes, offsets.
                int k = rng.Random.Next(entries.Count);
                CheckpointEntry e = entries[k];
                long big = rng.InterestingValue() | ((long)rng.Random.Next(4) << 32);
                CheckpointEntry inflated = rng.Random.Next(4) switch
                {
                    0 => e with { Shape = [big, big, 1L << 40] },
                    1 => e with { Size = big },
                    2 => e with { Offset = big },
                    _ => e with { DType = TfDataType.String, Shape = [big] },
                };
                List<CheckpointEntry> changed = [.. entries];
                changed[k] = inflated;
                Run(harness, CheckpointWriter.BuildIndex(changed, header), data, $"inflated '{e.Name}' #{i}");
            }
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    private IEnumerable<(byte[] Index, byte[]? Data)> Bases()
    {
        foreach ((string folder, string prefix) in Fixtures)
        {
            string p = SharedData.Fixture(folder, prefix);
            yield return (File.ReadAllBytes(CheckpointPaths.Index(p)), File.ReadAllBytes(CheckpointPaths.Data(p)));
        }
        // One bundle with every dtype the writer supports, strings included.
        string own = _dir.File("own");
        CheckpointWriter.Write(own,
        [
            CheckpointTensor.FromFloats("f", [2, 3], [1, 2, 3, 4, 5, 6]),
            CheckpointTensor.FromDoubles("d", [2], [0.5, -1]),
            CheckpointTensor.FromInt32s("i", [], [7]),
            CheckpointTensor.FromInt64s("global_step", [], [1000]),
            CheckpointTensor.FromBools("b", [3], [true, false, true]),
            CheckpointTensor.FromHalfs("h", [1], [(Half)1.5]),
            CheckpointTensor.FromStrings("s", [3], ["alpha", "", "gamma\u00e9"]),
        ]);
        yield return (File.ReadAllBytes(CheckpointPaths.Index(own)), File.ReadAllBytes(CheckpointPaths.Data(own)));
    }

    // For DT_STRING the entry CRC covers the fixed-width lengths, so the embedded length CRC is repaired first.
    private static uint RepairedCrc(Span<byte> tensor, CheckpointEntry e)
    {
        if (e.DType != TfDataType.String)
        {
            return Crc32C.Compute(tensor);
        }
        long count = TensorShapes.ElementCount(e.Shape);
        int pos = 0;
        uint lengthCrc = 0;
        Span<byte> scratch = stackalloc byte[8];
        for (long i = 0; i < count; i++)
        {
            if (!Varint.TryRead(tensor[pos..], out ulong length, out int consumed))
            {
                return Crc32C.Compute(tensor);
            }
            pos += consumed;
            int width = length <= uint.MaxValue ? 4 : 8;
            BinaryPrimitives.WriteUInt64LittleEndian(scratch, length);
            lengthCrc = Crc32C.Extend(lengthCrc, scratch[..width]);
        }
        if (tensor.Length - pos < 4)
        {
            return Crc32C.Compute(tensor);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(tensor[pos..], Crc32C.Mask(lengthCrc));
        uint crc = Crc32C.Extend(lengthCrc, tensor.Slice(pos, 4));
        return Crc32C.Extend(crc, tensor[(pos + 4)..]);
    }

    private string Write(byte[] index, byte[] data)
    {
        string prefix = _dir.File($"fz{++_case:D5}");
        File.WriteAllBytes(CheckpointPaths.Index(prefix), index);
        File.WriteAllBytes(CheckpointPaths.Data(prefix), data);
        return prefix;
    }

    private void Run(FuzzHarness harness, byte[] index, byte[]? data, string what, bool mustParse = false)
    {
        string prefix = _dir.File($"fz{++_case:D5}");
        string token = Path.GetFileName(prefix);
        File.WriteAllBytes(CheckpointPaths.Index(prefix), index);
        if (data is not null)
        {
            File.WriteAllBytes(CheckpointPaths.Data(prefix), data);
        }
        harness.Run($"{token} ({what})", token, () => ReadEverything(prefix, readData: data is not null), mustParse);
        File.Delete(CheckpointPaths.Index(prefix));
        File.Delete(CheckpointPaths.Data(prefix));
    }

    private static void ReadEverything(string prefix, bool readData)
    {
        using CheckpointReader reader = CheckpointReader.Open(prefix);
        if (!readData)
        {
            return;
        }
        foreach (CheckpointEntry entry in reader.Entries)
        {
            CheckpointTensor t = reader.ReadTensor(entry.Name);
            // A tensor that passed its checksum must be self-consistent and decodable.
            long values = t.DType switch
            {
                TfDataType.Float => t.GetFloats().Length,
                TfDataType.Double => t.GetDoubles().Length,
                TfDataType.Int32 => t.GetInt32s().Length,
                TfDataType.Int64 => t.GetInt64s().Length,
                TfDataType.Half => t.GetHalfs().Length,
                TfDataType.Bool => t.GetBools().Length,
                TfDataType.String => t.GetStringBytes().Length,
                _ => t.ElementCount,
            };
            Assert.Equal(t.ElementCount, values);
        }
    }
}
