using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

public class CheckpointRoundTripTests
{
    private static CheckpointReader WriteAndOpen(TempDir tmp, params CheckpointTensor[] tensors)
    {
        string prefix = tmp.File("model.ckpt-7");
        CheckpointWriter.Write(prefix, tensors);
        return CheckpointReader.Open(prefix);
    }

    [Fact]
    public void AllSupportedDtypesRoundTrip()
    {
        using var tmp = new TempDir();
        using CheckpointReader r = WriteAndOpen(tmp,
            CheckpointTensor.FromFloats("f", [2, 3], [1.5f, -2f, float.MaxValue, float.Epsilon, float.NaN, -0f]),
            CheckpointTensor.FromDoubles("d", [3], [Math.PI, -1e300, double.NegativeInfinity]),
            CheckpointTensor.FromInt32s("i", [2, 2], [int.MinValue, -1, 0, int.MaxValue]),
            CheckpointTensor.FromInt64s("global_step", [], [long.MaxValue]),
            CheckpointTensor.FromBools("b", [4], [true, false, false, true]),
            CheckpointTensor.FromHalfs("h", [2], [(Half)0.5f, Half.MinValue]),
            CheckpointTensor.FromStrings("s", [2, 2], ["", "ascii", "ünïcødé ✓", new string('x', 300)]));

        Assert.Equal(["b", "d", "f", "global_step", "h", "i", "s"], r.Names);
        Assert.Equal([1.5f, -2f, float.MaxValue, float.Epsilon, float.NaN, -0f], r.ReadTensor("f").GetFloats());
        Assert.Equal([Math.PI, -1e300, double.NegativeInfinity], r.ReadTensor("d").GetDoubles());
        Assert.Equal([int.MinValue, -1, 0, int.MaxValue], r.ReadTensor("i").GetInt32s());
        Assert.Equal([long.MaxValue], r.ReadTensor("global_step").GetInt64s());
        Assert.Equal([true, false, false, true], r.ReadTensor("b").GetBools());
        Assert.Equal([(Half)0.5f, Half.MinValue], r.ReadTensor("h").GetHalfs());
        Assert.Equal(["", "ascii", "ünïcødé ✓", new string('x', 300)], r.ReadTensor("s").GetStrings());
        Assert.Equal([2L, 3L], r.GetEntry("f").Shape);
        Assert.Equal(TfDataType.Bool, r.GetEntry("b").DType);
        Assert.Equal(4, r.GetEntry("b").Size); // one byte per bool
    }

    [Fact]
    public void ZeroSizedAndEmptyTensorsRoundTrip()
    {
        using var tmp = new TempDir();
        using CheckpointReader r = WriteAndOpen(tmp,
            CheckpointTensor.FromFloats("empty", [0, 3], []),
            CheckpointTensor.FromStrings("no_strings", [0], []));
        Assert.Equal([0L, 3L], r.GetEntry("empty").Shape);
        Assert.Empty(r.ReadTensor("empty").GetFloats());
        Assert.Empty(r.ReadTensor("no_strings").GetStrings());
    }

    [Fact]
    public void KeysSortByUtf8BytesNotCulture()
    {
        using var tmp = new TempDir();
        string[] names = ["b", "B", "a/b", "a_b", "a", "é", "z"];
        using CheckpointReader r = WriteAndOpen(
            tmp,
            names.Select(n => CheckpointTensor.FromFloats(n, [], [1f])).ToArray()
        );
        // Bytewise: 'B'(0x42) < 'a'(0x61); '/'(0x2f) < '_'(0x5f); 'é' (0xc3 0xa9) after 'z'.
        Assert.Equal(["B", "a", "a/b", "a_b", "b", "z", "é"], r.Names);
    }

    [Fact]
    public void ManyTensorsSpanSeveralDataBlocksAndRestartRuns()
    {
        using var tmp = new TempDir();
        var tensors = Enumerable.Range(0, 3000)
            .Select(i => CheckpointTensor.FromInt32s($"layer_{i:D5}/{new string('w', 90)}", [1], [i]))
            .ToArray();
        using CheckpointReader r = WriteAndOpen(tmp, tensors);
        Assert.Equal(3000, r.Entries.Count);
        Assert.Equal([2999], r.ReadTensor($"layer_02999/{new string('w', 90)}").GetInt32s());
        Assert.True(new FileInfo(CheckpointPaths.Index(r.Prefix)).Length > 2 * 262144 / 4);
        // Rebuilding from the entries is stable across the multi-block layout too.
        Assert.Equal(File.ReadAllBytes(CheckpointPaths.Index(r.Prefix)), CheckpointWriter.BuildIndex(r.Entries));
    }

    [Fact]
    public void OverwritingAPrefixReplacesBothFilesAndLeavesNoTempFiles()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("model.ckpt");
        CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("w", [1], [1f])]);
        CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("w", [2], [2f, 3f])]);
        using CheckpointReader r = CheckpointReader.Open(prefix);
        Assert.Equal([2f, 3f], r.ReadTensor("w").GetFloats());
        Assert.Equal(2, Directory.GetFiles(tmp.Path).Length);
    }

    [Fact]
    public void ReaderFindsTensorsInOtherShards()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("sharded");
        byte[] a = BitConverter.GetBytes(1.25f), b = [.. BitConverter.GetBytes(7L)];
        File.WriteAllBytes(CheckpointPaths.Data(prefix, 0, 2), a);
        File.WriteAllBytes(CheckpointPaths.Data(prefix, 1, 2), [0xee, .. b]); // offset 1 in shard 1
        CheckpointEntry[] entries =
        [
            new("a", TfDataType.Float, [], 0, 0, 4, Crc32C.ComputeMasked(a)),
            new("b", TfDataType.Int64, [], 1, 1, 8, Crc32C.ComputeMasked(b)),
        ];
        File.WriteAllBytes(
            CheckpointPaths.Index(prefix),
            CheckpointWriter.BuildIndex(entries, CheckpointHeader.Default with { NumShards = 2 })
        );

        using CheckpointReader r = CheckpointReader.Open(prefix);
        Assert.Equal(2, r.Header.NumShards);
        Assert.Equal([1.25f], r.ReadTensor("a").GetFloats());
        Assert.Equal([7L], r.ReadTensor("b").GetInt64s());
        Assert.EndsWith("sharded.data-00001-of-00002", CheckpointPaths.Data(prefix, 1, 2));
    }

    [Fact]
    public void WriterRejectsBadInput()
    {
        using var tmp = new TempDir();
        string prefix = tmp.File("bad");
        Assert.Throws<ArgumentException>(() =>
            CheckpointWriter.Write(
                prefix,
                [CheckpointTensor.FromFloats("w", [1], [1f]), CheckpointTensor.FromFloats("w", [1], [2f])]
            )
        );
        Assert.Throws<ArgumentException>(() =>
            CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("", [1], [1f])])
        );
        var mismatch = Assert.Throws<InvalidDataException>(() =>
            CheckpointWriter.Write(prefix, [new CheckpointTensor("w", TfDataType.Float, [3], new byte[8])]));
        Assert.Contains("'w'", mismatch.Message);
        Assert.Throws<ArgumentException>(() => CheckpointTensor.FromFloats("w", [2, 2], [1f, 2f]));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }
}
