using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

/// <summary>
/// The writer reproduces TensorFlow's own files: tensors read from each uncompressed fixture and written
/// back give the identical <c>.index</c> and data file.
/// </summary>
public class CheckpointRewriteTests
{
    public static TheoryData<string, string> UncompressedBundles()
    {
        var data = new TheoryData<string, string>();
        foreach (DocumentedBundle b in FixtureReadme.AllBundles().Where(b => !b.Snappy))
        {
            data.Add(b.Folder, b.Prefix);
        }
        return data;
    }

    [Fact]
    public void TenUncompressedIndexesExist() => Assert.Equal(10, UncompressedBundles().Count);

    [Theory]
    [MemberData(nameof(UncompressedBundles))]
    public void BuildIndexFromEntriesIsByteIdentical(string folder, string prefix)
    {
        string original = SharedData.Fixture(folder, prefix);
        using CheckpointReader reader = CheckpointReader.Open(original);

        byte[] rebuilt = CheckpointWriter.BuildIndex(reader.Entries);

        Assert.Equal(File.ReadAllBytes(CheckpointPaths.Index(original)), rebuilt);
    }

    [Theory]
    [MemberData(nameof(UncompressedBundles))]
    public void RewritingTensorsReproducesIndexAndData(string folder, string prefix)
    {
        string original = SharedData.Fixture(folder, prefix);
        if (!File.Exists(CheckpointPaths.Data(original)))
        {
            return; // index-only fixture: covered by BuildIndexFromEntriesIsByteIdentical.
        }
        using CheckpointReader reader = CheckpointReader.Open(original);
        List<CheckpointTensor> tensors = reader.ReadAll().ToList();
        using var tmp = new TempDir();
        string target = tmp.File("sub", "rewritten");

        // Shuffled input: the writer must impose TF's bytewise key order itself.
        IReadOnlyList<CheckpointEntry> written = CheckpointWriter.Write(target, tensors.AsEnumerable().Reverse());

        Assert.Equal(
            File.ReadAllBytes(CheckpointPaths.Index(original)),
            File.ReadAllBytes(CheckpointPaths.Index(target))
        );
        Assert.Equal(
            File.ReadAllBytes(CheckpointPaths.Data(original)),
            File.ReadAllBytes(CheckpointPaths.Data(target))
        );
        Assert.Equal(reader.Entries, written, EntryComparer.Instance);
        Assert.Equal(
            ["rewritten.data-00000-of-00001", "rewritten.index"],
            Directory.GetFiles(tmp.File("sub")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("savedmodel-vars-tf1.14-snappy", "variables")]
    [InlineData("savedmodel-vars-tf2.14-snappy-string", "variables")]
    public void SnappyFixturesRewriteToEquivalentUncompressedCheckpoints(string folder, string prefix)
    {
        using CheckpointReader reader = CheckpointReader.Open(SharedData.Fixture(folder, prefix));
        List<CheckpointTensor> tensors = reader.ReadAll().ToList();
        using var tmp = new TempDir();
        string target = tmp.File("variables");

        CheckpointWriter.Write(target, tensors);

        using CheckpointReader again = CheckpointReader.Open(target);
        Assert.Equal(reader.Names, again.Names);
        foreach (CheckpointTensor t in tensors)
        {
            CheckpointTensor copy = again.ReadTensor(t.Name);
            Assert.Equal(t.DType, copy.DType);
            Assert.Equal(t.Shape, copy.Shape);
            Assert.Equal(t.Data, copy.Data);
            Assert.Equal(reader.GetEntry(t.Name).MaskedCrc32C, again.GetEntry(t.Name).MaskedCrc32C);
        }
    }

    private sealed class EntryComparer : IEqualityComparer<CheckpointEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(CheckpointEntry? x, CheckpointEntry? y) =>
            x is not null && y is not null && x.Name == y.Name && x.DType == y.DType && x.Shape.SequenceEqual(y.Shape)
            && x.ShardId == y.ShardId && x.Offset == y.Offset && x.Size == y.Size && x.MaskedCrc32C == y.MaskedCrc32C;

        public int GetHashCode(CheckpointEntry obj) => obj.Name.GetHashCode();
    }
}
