using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace TfLessons.Search.Tests;

public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private static double Quadratic(TrialContext t)
    {
        Thread.Sleep(5);
        return Math.Pow(Math.Log10(t.Params.Float("lr")) + 2, 2) + Math.Pow(t.Params.Int("hidden") - 20, 2) / 100;
    }

    [Fact]
    public void SameSeedGivesSameParamsPerTrialWhatever1Or4Workers()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var one = Study.Create(storage, new StudyConfig { Name = "one", Space = SpaceTests.Full(), Seed = 2024 });
        var four = Study.Create(storage, new StudyConfig { Name = "four", Space = SpaceTests.Full(), Seed = 2024 });
        new StudyRunner(one, Quadratic).Run(32);
        var result = new StudyRunner(four, Quadratic).RunParallel(32, 4);
        Assert.Equal(32, result.Completed);
        var a = one.GetTrials().ToDictionary(t => t.Number, t => t.Params);
        var b = four.GetTrials().ToDictionary(t => t.Number, t => t.Params);
        Assert.Equal(Enumerable.Range(0, 32), b.Keys.Order());
        foreach (var n in a.Keys)
        {
            Assert.Equal(a[n], b[n]);
        }
    }

    [Fact]
    public void CoarseToFineIsAlsoIndependentOfWorkerCount()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var space = new SearchSpace().Log("lr", 1e-4, 1).Int("hidden", 5, 50);
        var one = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "one",
                Space = space,
                Seed = 7,
                Sampler = new CoarseToFineSampler(8, 0.4),
            }
        );
        var three = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "three",
                Space = space,
                Seed = 7,
                Sampler = new CoarseToFineSampler(8, 0.4),
            }
        );
        new StudyRunner(one, Quadratic).Run(24);
        new StudyRunner(three, Quadratic).RunParallel(24, 3);
        var a = one.GetTrials().ToDictionary(t => t.Number, t => t.Params);
        var b = three.GetTrials().ToDictionary(t => t.Number, t => t.Params);
        foreach (var n in a.Keys)
        {
            Assert.Equal(a[n], b[n]);
        }
        Assert.Equal(3, three.Rounds().Count);
    }

    [Fact]
    public void EightSqliteWorkerProcessesRunExactlyNTrialsOnceEach()
    {
        const int n = 120, workers = 8;
        using var dir = new TempDir();
        var url = dir.SqliteUrl();
        using (var storage = StudyStorage.Open(url))
        {
            Study.Create(storage, new StudyConfig { Name = "multi", Space = SpaceTests.Full(), Seed = 11 });
        }
        var clock = Stopwatch.StartNew();
        var procs = Enumerable
            .Range(0, workers)
            .Select(_ => Proc.Worker("--storage", url, "--study", "multi", "--trials", $"{n}", "--sleep-ms", "20"))
            .ToList();
        try
        {
            foreach (var p in procs)
            {
                Assert.True(p.WaitForExit(TimeSpan.FromMinutes(4)), "worker timed out: " + p.Stderr);
            }
            clock.Stop();
            foreach (var p in procs)
            {
                Assert.True(p.ExitCode == 0, $"worker exited {p.ExitCode}: {p.Stderr}");
                Assert.DoesNotContain("locked", p.Stderr, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("WORKER ERROR", p.Stderr);
            }
            var ran = procs
                .SelectMany(p => p.Stdout.Split('\n').Where(l => l.StartsWith("RAN ")).Select(l => l.Split(' ')))
                .Select(f => (TrialId: int.Parse(f[1]), Number: int.Parse(f[2]), Pid: int.Parse(f[3])))
                .ToList();
            Assert.Equal(n, ran.Count);
            Assert.Equal(n, ran.Select(r => r.TrialId).Distinct().Count());
            var busyWorkers = ran.Select(r => r.Pid).Distinct().Count();
            using var check = StudyStorage.Open(url);
            var trials = Study.Load(check, "multi").GetTrials();
            Assert.Equal(n, trials.Count);
            Assert.Equal(Enumerable.Range(0, n), trials.Select(t => t.Number).Order());
            Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
            Assert.All(trials, t => Assert.Equal(6, t.Params.Count));
            var perMinute = n / clock.Elapsed.TotalMinutes;
            output.WriteLine(
                $"8 SQLite worker processes: {n} trials in {clock.Elapsed.TotalSeconds:0.0}s "
                    + $"({perMinute:0} trials/min, {busyWorkers} workers ran trials; 20 ms objective)"
            );
            Assert.True(busyWorkers >= 2, "expected several processes to share the work");
        }
        finally
        {
            procs.ForEach(p => p.Dispose());
        }
    }
}
