using System.Text;
using TfLessons.IO.Checkpoint;
using Xunit.Abstractions;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>Seeded mutations of the text-format <c>checkpoint</c> state file.</summary>
public sealed class CheckpointStateFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void StateFileMutationsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("checkpoint state");
        var rng = new Mutator(FuzzHarness.Seed(9006));
        var own = new CheckpointState
        {
            ModelCheckpointPath = "model.ckpt-20",
            AllModelCheckpointPaths = ["model.ckpt-10", "model.ckpt-20"],
            AllModelCheckpointTimestamps = [1567057356.25, 1567057400.5],
            LastPreservedTimestamp = 1567057000.125,
        };
        var bases = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(own.ToText() + "# comment\nunknown { nested: \"x\\t\\001\" }\n"),
        };
        foreach (
            string folder in new[]
            {
                "ckpt-tf1.11-saver-titanic",
                "ckpt-tf1.14-estimator-adam",
                "ckpt-tf1.8-saver-sonar-mlp",
            }
        )
        {
            bases.Add(File.ReadAllBytes(SharedData.Fixture(folder, "checkpoint")));
        }
        int n = 0;
        foreach (byte[] text in bases)
        {
            Run(harness, $"fz{++n:D5}.state", text, "unmodified", mustParse: true);
            for (int i = 0; i < FuzzHarness.Scaled(75); i++)
            {
                Run(harness, $"fz{++n:D5}.state", rng.Mutate(text), $"#{i}");
            }
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    private void Run(FuzzHarness harness, string name, byte[] text, string what, bool mustParse = false)
    {
        File.WriteAllBytes(_dir.File(name), text);
        harness.Run($"{name} ({what})", name, () => Assert.NotNull(CheckpointState.Read(_dir.Path, name)), mustParse);
        File.Delete(_dir.File(name));
    }
}
