using TfLessons.IO.Events;
using Xunit.Abstractions;

namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Seeded mutations of TensorBoard event files: raw bytes (caught by the TFRecord CRCs), and payload
/// mutations re-framed with correct masked CRC-32Cs so they reach the Event/Summary/Tensor decoders, plus
/// inflated record lengths with a repaired length CRC.
/// </summary>
public sealed class EventFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();
    private int _case;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EventFileMutationsParseOrFailCleanly()
    {
        var harness = new FuzzHarness("event files");
        var rng = new Mutator(FuzzHarness.Seed(9003));
        foreach (byte[] file in Bases())
        {
            Run(harness, file, "unmodified", mustParse: true);
            List<byte[]> records = Repair.Records(file);
            for (int i = 0; i < FuzzHarness.Scaled(25); i++)
            {
                Run(harness, rng.Mutate(file), $"raw #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(50); i++)
            {
                int k = rng.Random.Next(records.Count);
                List<byte[]> changed = [.. records];
                changed[k] = rng.Mutate(records[k]);
                Run(harness, Repair.Frame(changed), $"record {k} #{i}");
            }
            for (int i = 0; i < FuzzHarness.Scaled(5); i++)
            {
                byte[] inflated = (byte[])file.Clone();
                Repair.InflateRecordLength(inflated, 0, (ulong)rng.InterestingValue() << rng.Random.Next(3) * 8);
                Run(harness, inflated, $"length #{i}");
            }
        }
        output.WriteLine(harness.Summary);
        harness.AssertClean();
        harness.AssertSomeRejectedBeyondChecksums();
    }

    private IEnumerable<byte[]> Bases()
    {
        yield return File.ReadAllBytes(FixtureFile("events-tf2-keras-tensor-scalars"));
        // The two TF1 fixtures are 135-181 KB; their first records cover every event kind they hold.
        foreach (string folder in new[] { "events-tf1.14-estimator-scalars", "events-tf1.1-histograms" })
        {
            List<byte[]> records = Repair.Records(File.ReadAllBytes(FixtureFile(folder)));
            yield return Repair.Frame(records.Where(r => r.Length < 4096).Take(40));
        }
        using (var writer = new EventFileWriter(_dir.Path, ".own"))
        {
            writer.AddScalar("loss", 0.25f, 3);
            writer.AddHistogram("w", [0.1, -2, 3.5, 3.5], 4);
            writer.WriteEvent(
                new TfEvent
                {
                    Kind = EventKind.SessionLog,
                    SessionLog = new SessionLogEntry(SessionStatus.Checkpoint, "model.ckpt-4"),
                }
            );
        }
        string own = Directory.GetFiles(_dir.Path, "*.own").Single();
        yield return File.ReadAllBytes(own);
        File.Delete(own);
    }

    private static string FixtureFile(string folder) =>
        Directory.GetFiles(SharedData.Fixture(folder), "events.out.tfevents.*").Single();

    private void Run(FuzzHarness harness, byte[] file, string what, bool mustParse = false)
    {
        string path = _dir.File($"events.out.tfevents.fz{++_case:D5}");
        string token = Path.GetFileName(path);
        File.WriteAllBytes(path, file);
        foreach (bool allowIncompleteTail in new[] { false, true })
        {
            harness.Run($"{token} ({what}, allowIncompleteTail {allowIncompleteTail})", token, () =>
            {
                foreach (TfEvent e in EventFileReader.Read(path, allowIncompleteTail))
                {
                    foreach (SummaryValue v in e.Values)
                    {
                        _ = v.Scalar;
                    }
                }
            }, mustParse);
        }
        File.Delete(path);
    }
}
