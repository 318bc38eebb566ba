using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace TfLessons.Search.Tests;

public sealed class StorageTests
{
    [Fact]
    public void StudyRoundTripsWithSettingsAndTrials()
    {
        using var dir = new TempDir();
        using (var storage = StudyStorage.Open(dir.SqliteUrl()))
        {
            var study = Study.Create(storage, new StudyConfig
            {
                Name = "s",
                Space = SpaceTests.Full(),
                Direction = StudyDirection.Maximize,
                Seed = 99,
                Sampler = new CoarseToFineSampler(10, 0.5),
                Pruner = new MedianPruner(3, 1),
            });
            var result = new StudyRunner(study, t =>
            {
                t.Report(0, double.NaN);
                t.Report(1, double.PositiveInfinity);
                t.Report(2, 0.25);
                t.SetUserAttr("note", JsonValue.Create("hi"));
                return t.Number == 2 ? double.NegativeInfinity
                    : t.Number == 3 ? throw new InvalidOperationException("boom")
                    : t.Params.Float("dropout");
            }).Run(5);
            Assert.Equal(new RunResult(4, 0, 1, 0, result.Elapsed), result);
        }
        using (var storage = StudyStorage.Open(dir.SqliteUrl()))
        {
            var study = Study.Load(storage, "s");
            Assert.Equal(StudyDirection.Maximize, study.Direction);
            Assert.Equal(99UL, study.Seed);
            Assert.Equal(SpaceTests.Full().ToString(), study.Space.ToString());
            Assert.IsType<CoarseToFineSampler>(study.Sampler);
            Assert.Equal(3, Assert.IsType<MedianPruner>(study.Pruner).StartupTrials);
            var trials = study.GetTrials();
            Assert.Equal([0, 1, 2, 3, 4], trials.Select(t => t.Number));
            Assert.Equal(double.NegativeInfinity, trials[2].Value);
            Assert.Equal(TrialState.Fail, trials[3].State);
            Assert.Equal("InvalidOperationException: boom", trials[3].SystemAttrs["fail_reason"]!.GetValue<string>());
            Assert.True(double.IsNaN(trials[0].Intermediate[0]));
            Assert.Equal(double.PositiveInfinity, trials[0].Intermediate[1]);
            Assert.Equal("hi", trials[0].UserAttrs["note"]!.GetValue<string>());
            Assert.Contains(trials[0].Param("opt"), new object?[] { "adam", "momentum", "gd" });
            Assert.IsType<long>(trials[0].Param("batch"));
            Assert.Equal(
                trials.Where(t => t.State == TrialState.Complete).MaxBy(t => t.Value)!.Number,
                study.BestTrial()!.Number
            );
        }
    }

    [Fact]
    public void CreateOrLoadRejectsADifferentSpace()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        Study.CreateOrLoad(storage, new StudyConfig { Name = "s", Space = SpaceTests.Full() });
        Assert.Equal("s", Study.CreateOrLoad(storage, new StudyConfig { Name = "s", Space = SpaceTests.Full() }).Name);
        Assert.Throws<StudyExistsException>(() =>
            Study.Create(storage, new StudyConfig { Name = "s", Space = SpaceTests.Full() })
        );
        var e = Assert.Throws<SearchSpaceException>(() =>
            Study.CreateOrLoad(storage, new StudyConfig { Name = "s", Space = new SearchSpace().Uniform("x", 0, 1) })
        );
        Assert.Contains("already exists with search space", e.Message);
        Assert.Contains(
            "no study named 'nope'",
            Assert.Throws<KeyNotFoundException>(() => Study.Load(storage, "nope")).Message
        );
    }

    [Fact]
    public void UsesWalAndOptunaVersionRows()
    {
        using var dir = new TempDir();
        using (StudyStorage.Open(dir.SqliteUrl()))
        {
        }
        using var c = new SqliteConnection($"Data Source={dir.File("study.db")}");
        c.Open();
        string Q(string sql)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        Assert.Equal("wal", Q("PRAGMA journal_mode"));
        Assert.Equal("v3.0.0.d", Q("SELECT version_num FROM alembic_version"));
        Assert.Equal("12|3.1.0", Q("SELECT schema_version || '|' || library_version FROM version_info"));
    }

    [Fact]
    public void StaleTrialFailsAndIsRetriedOnceWithSameParams()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = Study.Create(storage, new StudyConfig { Name = "s", Space = SpaceTests.Full(), Seed = 5 });
        var grace = TimeSpan.FromSeconds(0.5);
        // A "crashed" worker: claims trial 0, stores params, never heart-beats again.
        var claim = storage.ClaimTrial(study.Id, 3)!;
        var ps = study.Sampler.Sample(new SamplingContext(study, claim.Number));
        storage.SetTrialParams(claim.TrialId, study.Space.Select(p => (p.Name, ps[p.Name], p.ToDistribution())));
        storage.SetTrialUserAttr(claim.TrialId, "u", JsonValue.Create(1));
        Assert.Empty(storage.FailStaleTrials(study.Id, grace, 1));
        Thread.Sleep(1200);
        var stale = Assert.Single(storage.FailStaleTrials(study.Id, grace, 1));
        Assert.Equal(new StaleTrial(0, 1), stale);
        Assert.Empty(storage.FailStaleTrials(study.Id, grace, 1));
        var trials = study.GetTrials();
        Assert.Equal(TrialState.Fail, trials[0].State);
        var retry = trials[1];
        Assert.Equal(TrialState.Waiting, retry.State);
        Assert.Equal(trials[0].Params, retry.Params);
        Assert.Equal(0, retry.RetriedFrom);
        Assert.Equal("[0]", retry.SystemAttrs["retry_history"]!.ToJsonString());
        Assert.Equal(1, retry.UserAttrs["u"]!.GetValue<int>());

        // The retry is claimed first and crashes too: retry_history [0, 1] exceeds max_retry=1.
        var second = storage.ClaimTrial(study.Id, 3)!;
        Assert.Equal(new ClaimedTrial(retry.TrialId, 1, false), second);
        Thread.Sleep(1200);
        Assert.Equal(new StaleTrial(1, null), Assert.Single(storage.FailStaleTrials(study.Id, grace, 1)));
        // Retries do not count towards the requested number: 3 more fresh trials can be created.
        Assert.Equal(2, storage.ClaimTrial(study.Id, 3)!.Number);
        Assert.Equal(3, storage.ClaimTrial(study.Id, 3)!.Number);
        Assert.Null(storage.ClaimTrial(study.Id, 3));
    }

    [Fact]
    public void FinishingATrialAlreadyFailedAsStaleIsRefused()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = Study.Create(storage, new StudyConfig { Name = "s", Space = new SearchSpace().Uniform("x", 0, 1) });
        var claim = storage.ClaimTrial(study.Id, 1)!;
        Thread.Sleep(600);
        Assert.Single(storage.FailStaleTrials(study.Id, TimeSpan.FromSeconds(0.2), 0));
        Assert.False(storage.FinishTrial(claim.TrialId, TrialState.Complete, 1.0));
    }

    [Fact]
    public void BadUrlsAndUnreachableDatabasesFailClearlyBeforeAnyTrial()
    {
        Assert.Contains(
            "does not exist",
            Assert.Throws<StorageException>(() => StudyStorage.Open("sqlite:////nonexistent-dir-xyz/study.db")).Message
        );
        Assert.Contains(
            "unsupported storage URL scheme 'mysql'",
            Assert.Throws<StorageException>(() => StudyStorage.Open("mysql://u@h/db")).Message
        );
        Assert.Contains("no scheme", Assert.Throws<StorageException>(() => StudyStorage.Open("study.db")).Message);
        Assert.Contains(
            "names no database",
            Assert.Throws<StorageException>(() => StudyStorage.Open("postgresql://u@127.0.0.1:1/")).Message
        );
        var started = DateTime.UtcNow;
        var e = Assert.Throws<StorageException>(() =>
            StudyStorage.Open(
                "postgresql://nobody@127.0.0.1:1/db",
                new StorageOptions { ConnectWindow = TimeSpan.FromSeconds(2) }
            )
        );
        Assert.Contains("cannot use study storage postgresql://nobody@127.0.0.1:1/db", e.Message);
        Assert.Contains("attempts", e.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }
}
