using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

/// <summary>Every fixture checkpoint opens and matches what its README documents.</summary>
public class FixtureCheckpointTests
{
    public static TheoryData<string, string> Bundles()
    {
        var data = new TheoryData<string, string>();
        foreach (DocumentedBundle b in FixtureReadme.AllBundles())
        {
            data.Add(b.Folder, b.Prefix);
        }
        return data;
    }

    [Fact]
    public void ReadmesDocumentAllTwelveBundles()
    {
        IReadOnlyList<DocumentedBundle> bundles = FixtureReadme.AllBundles();
        Assert.Equal(12, bundles.Count);
        Assert.Equal(2, bundles.Count(b => b.Snappy));
        Assert.All(bundles, b => Assert.NotEmpty(b.Tensors));
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void IndexMatchesReadme(string folder, string prefix)
    {
        DocumentedBundle doc = FixtureReadme.Bundle(folder, prefix);
        using CheckpointReader reader = CheckpointReader.Open(doc.PrefixPath);

        Assert.Equal(CheckpointHeader.Default.NumShards, reader.Header.NumShards);
        Assert.False(reader.Header.IsBigEndian);
        Assert.Equal(1, reader.Header.Producer);
        Assert.Equal(doc.Tensors.Select(t => t.Name), reader.Names);
        foreach (DocumentedTensor t in doc.Tensors)
        {
            CheckpointEntry e = reader.GetEntry(t.Name);
            Assert.Equal(t.DType, e.DType);
            Assert.Equal(t.Shape, e.Shape);
            Assert.Equal(0, e.ShardId);
            Assert.Equal(t.Offset, e.Offset);
            Assert.Equal(t.Size, e.Size);
            Assert.Equal(t.Crc, e.MaskedCrc32C);
            Assert.Equal(0, e.SliceCount);
        }
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public void ValuesMatchReadme(string folder, string prefix)
    {
        DocumentedBundle doc = FixtureReadme.Bundle(folder, prefix);
        using CheckpointReader reader = CheckpointReader.Open(doc.PrefixPath);
        if (!File.Exists(CheckpointPaths.Data(doc.PrefixPath)))
        {
            // index-only fixture: the data file was deliberately not copied.
            var missing = Assert.Throws<FileNotFoundException>(() => reader.ReadTensor(doc.Tensors[0].Name));
            Assert.Contains("data-00000-of-00001", missing.Message);
            Assert.Contains(doc.Tensors[0].Name, missing.Message);
            return;
        }
        foreach (DocumentedTensor t in doc.Tensors)
        {
            CheckpointTensor tensor = reader.ReadTensor(t.Name); // verifies the crc32c
            Assert.Equal(t.Size, tensor.Data.Length);
            double[] values = t.DType switch
            {
                TfDataType.Float => tensor.GetFloats().Select(f => (double)f).ToArray(),
                TfDataType.Int64 => tensor.GetInt64s().Select(v => (double)v).ToArray(),
                TfDataType.String => [],
                _ => throw new InvalidOperationException($"unexpected dtype {t.DType}"),
            };
            if (t.AllValues is { } all)
            {
                // READMEs print 9 significant digits, which identify a float32 exactly.
                Assert.Equal(all.Select(v => (float)v), values.Select(v => (float)v));
            }
            else if (t.Stats is { } stats)
            {
                Assert.Equal(stats.First.Select(v => (float)v), values.Take(stats.First.Length).Select(v => (float)v));
                Assert.Equal(stats.Min, values.Min(), Math.Abs(stats.Min) * 1e-5);
                Assert.Equal(stats.Max, values.Max(), Math.Abs(stats.Max) * 1e-5);
                Assert.Equal(stats.Sum, values.Sum(), Math.Abs(stats.Sum) * 1e-4 + 1e-6);
            }
            else
            {
                Assert.Equal(TfDataType.String, t.DType);
            }
        }
    }

    [Fact]
    public void V1V2ValuesMatchTheNotebookPrintout()
    {
        using var reader = CheckpointReader.Open(SharedData.Fixture("ckpt-tf1.2-saver-v1-v2", "model.ckpt"));
        CheckpointTensor v1 = reader.ReadTensor("v1");
        CheckpointTensor v2 = reader.ReadTensor("v2");
        Assert.Equal([1L, 2L], v1.Shape);
        // numpy printed 8 significant digits, so compare to that precision.
        double[] printedV1 = [-0.24308506, -0.25879204];
        double[] printedV2 = [-0.70162106, 1.06899548, -1.02490366, -0.04623416, 0.62311029, 0.5928998];
        Assert.All(printedV1.Zip(v1.GetFloats()), p => Assert.Equal(p.First, p.Second, 5e-9));
        Assert.All(printedV2.Zip(v2.GetFloats()), p => Assert.Equal(p.First, p.Second, 5e-9));
    }

    [Fact]
    public void EstimatorGlobalStepIsScalarInt64()
    {
        string dir = SharedData.Fixture("ckpt-tf1.14-estimator-adam");
        foreach (long step in new long[] { 0, 1000, 2000 })
        {
            using var reader = CheckpointReader.Open(Path.Combine(dir, $"model.ckpt-{step}"));
            CheckpointTensor gs = reader.ReadTensor("global_step");
            Assert.Equal(TfDataType.Int64, gs.DType);
            Assert.Empty(gs.Shape);
            Assert.Equal([step], gs.GetInt64s());
            Assert.Throws<InvalidOperationException>(() => gs.GetFloats());
        }
    }

    [Fact]
    public void Tf2StringTensorDecodes()
    {
        using var reader = CheckpointReader.Open(
            SharedData.Fixture("savedmodel-vars-tf2.14-snappy-string", "variables")
        );
        CheckpointTensor graph = reader.ReadTensor("_CHECKPOINTABLE_OBJECT_GRAPH");
        Assert.Equal(TfDataType.String, graph.DType);
        byte[][] strings = graph.GetStringBytes();
        Assert.Single(strings);
        Assert.Equal(613, strings[0].Length);
        Assert.Equal(619, graph.Data.Length);
        // Data order differs from key order: the floats come first.
        Assert.Equal(12, reader.GetEntry("_CHECKPOINTABLE_OBJECT_GRAPH").Offset);
        Assert.Equal([0.5f], reader.ReadTensor("a/.ATTRIBUTES/VARIABLE_VALUE").GetFloats());
    }

    [Fact]
    public void IndexOnlyFixtureListsAdamSlots()
    {
        using var reader = CheckpointReader.Open(SharedData.Fixture("index-only-tf1.0-cnn-adam", "model.ckpt"));
        Assert.Equal(26, reader.Entries.Count);
        Assert.Equal([3136L, 1024L], reader.GetEntry("Variable_4/Adam_1").Shape);
        Assert.Equal(39295612, reader.GetEntry("beta2_power").Offset);
    }
}
