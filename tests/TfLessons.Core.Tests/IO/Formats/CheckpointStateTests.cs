using TfLessons.IO.Checkpoint;

namespace TfLessons.IO.Tests;

public class CheckpointStateTests
{
    public static TheoryData<string> FixtureFolders() =>
        new(Directory.GetDirectories(SharedData.Fixture())
            .Where(d => File.Exists(Path.Combine(d, "checkpoint")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void FixtureStateFilesParseAndReformatIdentically(string folder)
    {
        string path = SharedData.Fixture(folder, "checkpoint");
        string text = File.ReadAllText(path);
        CheckpointState state = CheckpointState.Parse(text, path);
        Assert.Equal(text, state.ToText());
        Assert.Equal(state.ModelCheckpointPath, state.AllModelCheckpointPaths[^1]);
    }

    [Fact]
    public void TimestampsAreWrittenAsPythonsTextFormatWritesThem()
    {
        // Python's text_format prints a double with repr: positional up to 1e16, a point always, "e-05" below 1e-4.
        var state = new CheckpointState
        {
            ModelCheckpointPath = "m-2",
            AllModelCheckpointPaths = ["m-1", "m-2"],
            AllModelCheckpointTimestamps = [1e15, 1700000000.25],
            LastPreservedTimestamp = 1.5e-5,
        };
        string text = state.ToText();
        Assert.Contains("all_model_checkpoint_timestamps: 1000000000000000.0\n", text);
        Assert.Contains("all_model_checkpoint_timestamps: 1700000000.25\n", text);
        Assert.Contains("last_preserved_timestamp: 1.5e-05\n", text);
        Assert.Equal(state.AllModelCheckpointTimestamps, CheckpointState.Parse(text).AllModelCheckpointTimestamps);
    }

    [Fact]
    public void EstimatorStateResolvesRelativePaths()
    {
        string dir = SharedData.Fixture("ckpt-tf1.14-estimator-adam");
        CheckpointState state = CheckpointState.Read(dir)!;
        Assert.Equal(Path.Combine(dir, "model.ckpt-2000"), state.ModelCheckpointPath);
        Assert.Equal(
            new[] { "model.ckpt-0", "model.ckpt-1000", "model.ckpt-2000" }.Select(p => Path.Combine(dir, p)),
            state.AllModelCheckpointPaths);
        Assert.Empty(state.AllModelCheckpointTimestamps);
        Assert.Null(state.LastPreservedTimestamp);
        Assert.Equal(Path.Combine(dir, "model.ckpt-2000"), CheckpointState.LatestCheckpoint(dir));
    }

    [Fact]
    public void AbsolutePathFromAnotherMachineFallsBackToLocalBasename()
    {
        string dir = SharedData.Fixture("ckpt-tf1.8-saver-sonar-mlp");
        CheckpointState state = CheckpointState.Read(dir)!;
        Assert.Equal("/Users/claudecoulombe/git/tensorflow_basic_tutorial/model/model.ckpt", state.ModelCheckpointPath);
        string? latest = CheckpointState.LatestCheckpoint(dir);
        Assert.Equal(Path.Combine(dir, "model.ckpt"), latest);
        using CheckpointReader reader = CheckpointReader.Open(latest!);
        Assert.Equal(10, reader.Entries.Count);
    }

    [Fact]
    public void LatestCheckpointIsNullWithoutStateOrFiles()
    {
        using var tmp = new TempDir();
        Assert.Null(CheckpointState.LatestCheckpoint(tmp.Path));
        CheckpointState.Write(
            tmp.Path,
            new CheckpointState { ModelCheckpointPath = "model.ckpt-3", AllModelCheckpointPaths = ["model.ckpt-3"] }
        );
        Assert.Null(CheckpointState.LatestCheckpoint(tmp.Path)); // named checkpoint has no .index
        CheckpointWriter.Write(tmp.File("model.ckpt-3"), [CheckpointTensor.FromFloats("w", [], [1f])]);
        Assert.Equal(tmp.File("model.ckpt-3"), CheckpointState.LatestCheckpoint(tmp.Path));
    }

    [Fact]
    public void UpdateWritesRelativePathsAndAppendsNewest()
    {
        using var tmp = new TempDir();
        CheckpointState state = CheckpointState.Update(
            tmp.Path, tmp.File("model.ckpt-5"), [tmp.File("model.ckpt-4")],
            timestamps: [1567057356.25, 1567057400.5], lastPreservedTimestamp: 1567057000.0);
        string text = File.ReadAllText(tmp.File("checkpoint"));
        Assert.Equal(
            "model_checkpoint_path: \"model.ckpt-5\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-4\"\n" +
            "all_model_checkpoint_paths: \"model.ckpt-5\"\n" +
            "all_model_checkpoint_timestamps: 1567057356.25\n" +
            "all_model_checkpoint_timestamps: 1567057400.5\n" +
            "last_preserved_timestamp: 1567057000.0\n",
            text);
        Assert.Equal(state, CheckpointState.Parse(text) with
        {
            AllModelCheckpointPaths = state.AllModelCheckpointPaths,
            AllModelCheckpointTimestamps = state.AllModelCheckpointTimestamps,
        });
        CheckpointState back = CheckpointState.Parse(text);
        Assert.Equal([1567057356.25, 1567057400.5], back.AllModelCheckpointTimestamps);
        Assert.Equal(1567057000.0, back.LastPreservedTimestamp);
        Assert.Single(Directory.GetFiles(tmp.Path)); // atomic write left no temp file
    }

    [Fact]
    public void UpdateLikeTensorFlowKeepsAbsolutePathsWhenAsked()
    {
        using var tmp = new TempDir();
        CheckpointState.Update(tmp.Path, tmp.File("model.ckpt-1"), saveRelativePaths: false);
        CheckpointState raw = CheckpointState.Parse(File.ReadAllText(tmp.File("checkpoint")));
        Assert.Equal(tmp.File("model.ckpt-1"), raw.ModelCheckpointPath);
        Assert.Throws<ArgumentException>(() => CheckpointState.Update(tmp.Path, "a", ["a"], timestamps: [1.0, 2.0]));
    }

    [Fact]
    public void StringsAreEscapedAndUnescapedLikeProtobufTextFormat()
    {
        var state = new CheckpointState
        {
            ModelCheckpointPath = "dir with \"quotes\"\\back'slash\nnewline/ü",
            AllModelCheckpointPaths = ["tab\there"],
        };
        string text = state.ToText();
        Assert.Contains(@"""dir with \""quotes\""\\back\'slash\nnewline/\303\274""", text);
        CheckpointState back = CheckpointState.Parse(text);
        Assert.Equal(state.ModelCheckpointPath, back.ModelCheckpointPath);
        Assert.Equal(state.AllModelCheckpointPaths, back.AllModelCheckpointPaths);
        Assert.Equal("a\x01", CheckpointState.Parse("model_checkpoint_path: 'a\\x01'").ModelCheckpointPath);
    }

    [Fact]
    public void UnknownFieldsAndCommentsAreSkipped()
    {
        const string text = """
            # written by a future TensorFlow
            future_field: 42
            nested_future { inner: "x" deeper { y: 1.5 } }
            model_checkpoint_path: "model.ckpt-9" all_model_checkpoint_paths: "model.ckpt-9"
            last_preserved_timestamp: 12.5
            """;
        CheckpointState state = CheckpointState.Parse(text);
        Assert.Equal("model.ckpt-9", state.ModelCheckpointPath);
        Assert.Equal(["model.ckpt-9"], state.AllModelCheckpointPaths);
        Assert.Equal(12.5, state.LastPreservedTimestamp);
    }

    [Theory]
    [InlineData("model_checkpoint_path: \"unterminated\n", "line 1: unterminated string")]
    [InlineData("all_model_checkpoint_paths: \"a\"\n", "no model_checkpoint_path")]
    [InlineData("model_checkpoint_path: \"a\"\nlast_preserved_timestamp: soon\n", "line 2: 'soon' is not a number")]
    [InlineData("model_checkpoint_path \"a\"\n", "expected ':'")]
    public void MalformedStateFilesNameTheFileAndLine(string text, string expected)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("checkpoint"), text);
        var e = Assert.Throws<InvalidDataException>(() => CheckpointState.Read(tmp.Path));
        Assert.Contains(tmp.File("checkpoint"), e.Message);
        Assert.Contains(expected, e.Message);
    }
}
