using Xunit;
using Xunit.Abstractions;

namespace TfLessons.Search.Tests;

public sealed class PostgresTests(ITestOutputHelper output)
{
    [PostgresFact]
    public void WorkersShareAStudyAndAKilledWorkersTrialIsRetriedOnce()
    {
        const int n = 12;
        var url = Postgres.NewDatabase();
        using (var storage = StudyStorage.Open(url))
        {
            Study.Create(storage, new StudyConfig { Name = "pg", Space = SpaceTests.Full(), Seed = 3 });
        }
        string[] Args(params string[] extra) =>
            [
                "--storage",
                url,
                "--study",
                "pg",
                "--trials",
                $"{n}",
                "--heartbeat-ms",
                "500",
                "--grace-ms",
                "2000",
                "--poll-ms",
                "200",
                .. extra,
            ];
        using var victim = Proc.Worker(Args("--hang"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!victim.Stdout.Contains("RAN ") && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }
        var started = victim.Stdout.Split('\n').First(l => l.StartsWith("RAN ")).Split(' ');
        var killedNumber = int.Parse(started[2]);
        var workers = Enumerable.Range(0, 3).Select(_ => Proc.Worker(Args("--sleep-ms", "300"))).ToList();
        try
        {
            Thread.Sleep(700); // let the others get going, then kill mid-trial
            victim.Kill();
            foreach (var w in workers)
            {
                Assert.True(w.WaitForExit(TimeSpan.FromMinutes(3)), "worker timed out: " + w.Stderr);
                Assert.True(w.ExitCode == 0, $"worker failed: {w.Stderr}");
            }
            var log = string.Concat(workers.Select(w => w.Stderr));
            output.WriteLine(log);
            Assert.Contains($"trial {killedNumber} failed: heartbeat older than 2s; retrying it as trial", log);

            using var storage = StudyStorage.Open(url);
            var trials = Study.Load(storage, "pg").GetTrials();
            var killed = trials.Single(t => t.Number == killedNumber);
            Assert.Equal(TrialState.Fail, killed.State);
            var retry = Assert.Single(trials, t => t.RetriedFrom == killedNumber);
            Assert.Equal(TrialState.Complete, retry.State);
            Assert.Equal(killed.Params, retry.Params);
            Assert.Equal($"[{killedNumber}]", retry.SystemAttrs["retry_history"]!.ToJsonString());
            Assert.Equal(n + 1, trials.Count);
            Assert.Equal(n - 1, trials.Count(t => t.State == TrialState.Complete && t.RetriedFrom is null));
            var ran = workers
                .SelectMany(w =>
                    w.Stdout.Split('\n').Where(l => l.StartsWith("RAN ")).Select(l => int.Parse(l.Split(' ')[1]))
                )
                .ToList();
            Assert.Equal(ran.Count, ran.Distinct().Count());
            Assert.Equal(n, ran.Count);
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [PostgresFact]
    public void InProcessWorkersOnPostgresProduceAllTrials()
    {
        var url = Postgres.NewDatabase();
        using var storage = StudyStorage.Open(url);
        var study = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "pg",
                Space = SpaceTests.Full(),
                Seed = 1,
                Pruner = new MedianPruner(2),
            }
        );
        var result = new StudyRunner(study, t =>
        {
            for (var step = 0; step < 3; step++)
            {
                t.Report(step, t.Params.Float("dropout") * (3 - step));
                t.PruneIfNeeded();
            }
            return t.Params.Float("dropout");
        }).RunParallel(20, 4);
        Assert.Equal(20, result.Trials);
        var trials = study.GetTrials();
        Assert.Equal(Enumerable.Range(0, 20), trials.Select(t => t.Number).Order());
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned));
    }

    [PostgresClusterFact]
    public void SurvivesADatabaseRestartAndGivesUpClearlyWhenItStaysDown()
    {
        var dir = "/tmp/tfl-search-pg-restart";
        var server = Postgres.StartCluster(dir, 54331);
        var url = Postgres.NewDatabase(server);
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin/pg_ctl";
        // -l: a restarted server must not inherit our output pipes, or reading them would never end.
        void Ctl(string action) =>
            Assert.Equal(
                0,
                Proc.Run(
                    "runuser",
                    [
                        "-u",
                        "postgres",
                        "--",
                        pgCtl,
                        "-D",
                        dir + "/data",
                        "-l",
                        dir + "/log",
                        "-w",
                        "-m",
                        "fast",
                        action,
                    ],
                    TimeSpan.FromMinutes(1)
                ).Code
            );
        var logs = new List<string>();
        using (
            var storage = StudyStorage.Open(
                url,
                new StorageOptions
                {
                    RetryWindow = TimeSpan.FromSeconds(60),
                    Log = l =>
                    {
                        lock (logs)
                        {
                            logs.Add(l);
                        }
                    },
                }
            )
        )
        {
            var study = Study.Create(storage, new StudyConfig { Name = "restart", Space = SpaceTests.Full() });
            var run = Task.Run(() =>
                new StudyRunner(
                    study,
                    t =>
                    {
                        Thread.Sleep(100);
                        return t.Params.Float("dropout");
                    },
                    new RunnerOptions
                    {
                        HeartbeatInterval = TimeSpan.FromMilliseconds(300),
                        GracePeriod = TimeSpan.FromSeconds(30),
                    }
                ).RunParallel(30, 2)
            );
            Thread.Sleep(800);
            Ctl("restart");
            var result = run.Result;
            Assert.Equal(30, result.Trials);
            Assert.Equal(30, study.GetTrials().Count(t => t.State == TrialState.Complete));
        }
        output.WriteLine(string.Join('\n', logs));
        Assert.Contains(logs, l => l.Contains("retrying"));

        using (var storage = StudyStorage.Open(url, new StorageOptions { RetryWindow = TimeSpan.FromSeconds(3) }))
        {
            var study = Study.Load(storage, "restart");
            Ctl("stop");
            try
            {
                var e = Assert.Throws<StorageException>(() => new StudyRunner(study, t => 0).Run(40));
                Assert.Contains("failed on postgresql://postgres@127.0.0.1:54331/", e.Message);
                Assert.Contains("attempts over", e.Message);
            }
            finally
            {
                Postgres.StartCluster(dir, 54331); // pg_ctl start alone would forget the port and socket options
            }
        }
    }
}
