using System.Text.Json.Nodes;
using Xunit;

namespace TfLessons.Search.Tests;

public sealed class PrunerTests
{
    private static TrialRecord Curve(int id, TrialState state, params double[] values) =>
        new()
        {
            TrialId = id,
            Number = id,
            State = state,
            Intermediate = new SortedDictionary<int, double>(
                values.Select((v, i) => (v, i)).ToDictionary(x => x.i, x => x.v)
            ),
        };

    private static Study NewStudy(TempDir dir, IPruner pruner, StudyDirection direction = StudyDirection.Minimize) =>
        Study.Create(
            StudyStorage.Open(dir.SqliteUrl()),
            new StudyConfig
            {
                Name = "p",
                Space = new SearchSpace().Uniform("x", 0, 1),
                Pruner = pruner,
                Direction = direction,
            }
        );

    [Fact]
    public void MedianStopsAClearlyWorseTrialOnly()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir, new MedianPruner(startupTrials: 3, warmupSteps: 1));
        var done = Enumerable
            .Range(0, 3)
            .Select(i => Curve(100 + i, TrialState.Complete, 1.0 + i, 0.8 + i, 0.6 + i))
            .ToList();
        var worse = Curve(1, TrialState.Running, 5, 4.5);
        var better = Curve(2, TrialState.Running, 1.5, 0.9);
        var all = done.Append(worse).Append(better).ToList();
        Assert.True(study.Pruner.ShouldPrune(study, worse, all)); // 4.5 > median(0.8, 1.8, 2.8)
        Assert.False(study.Pruner.ShouldPrune(study, better, all));
        Assert.False(study.Pruner.ShouldPrune(study, Curve(3, TrialState.Running, 9), all)); // step 0 < warmup
        // only 2 completed < startup
        Assert.False(study.Pruner.ShouldPrune(study, worse, done.Take(2).Append(worse).ToList()));
        Assert.True(study.Pruner.ShouldPrune(study, Curve(4, TrialState.Running, double.NaN, double.NaN), all));
        // nobody completed reported step 3
        Assert.False(study.Pruner.ShouldPrune(study, Curve(5, TrialState.Running, 9, 9, 9, 9), all));
    }

    [Fact]
    public void MedianPrunesEndToEndInARunner()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir, new MedianPruner(startupTrials: 4, warmupSteps: 2));
        // Loss curves scale with x: trials with large x are clearly worse from the start.
        var xs = new[] { 0.1, 0.2, 0.15, 0.12, 0.9, 0.05, 0.95, 0.11 };
        var steps = new Dictionary<int, int>();
        new StudyRunner(study, t =>
        {
            var x = xs[t.Number];
            for (var step = 0; step < 10; step++)
            {
                t.Report(step, x * (10 - step));
                steps[t.Number] = step;
                t.PruneIfNeeded();
            }
            return x;
        }).Run(xs.Length);
        var trials = study.GetTrials();
        Assert.Equal(TrialState.Pruned, trials[4].State);
        Assert.Equal(TrialState.Pruned, trials[6].State);
        Assert.Equal(2, steps[4]); // stopped right after warm-up
        Assert.Equal(0.9 * 8, trials[4].Value); // Optuna keeps the last reported value
        Assert.Equal(TrialState.Complete, trials[5].State);
        Assert.All(trials.Take(4), t => Assert.Equal(TrialState.Complete, t.State));
    }

    [Fact]
    public void HalvingPromotesOnlyTheTopOneOverEta()
    {
        using var dir = new TempDir();
        var study = NewStudy(dir, new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3));
        // Eight earlier trials finished rung 0 with values 1..8.
        var others = Enumerable.Range(1, 8).Select(i => Curve(1000 + i, TrialState.Complete, 9, i) with
        {
            SystemAttrs = new Dictionary<string, JsonNode?> { ["completed_rung_0"] = JsonValue.Create((double)i) },
        }).ToList();
        // With 9 competitors, only the top 9/3 = 3 values (<= 3) are promoted.
        foreach (var (value, pruned) in new[] { (2.5, false), (3.0, false), (3.5, true), (0.5, false) })
        {
            var claim = study.Storage.ClaimTrial(study.Id, 100)!;
            var me = Curve(claim.TrialId, TrialState.Running, 9, value);
            Assert.Equal(pruned, study.Pruner.ShouldPrune(study, me, others.Append(me).ToList()));
            var stored = study.GetTrials().Single(t => t.TrialId == claim.TrialId);
            Assert.Equal(value, stored.SystemAttrs["completed_rung_0"]!.GetValue<double>());
        }
        // Before the rung is reached (step < min_resource * eta^0 = 1) nothing is pruned.
        Assert.False(study.Pruner.ShouldPrune(study, Curve(1, TrialState.Running, 100), others));
    }

    [Fact]
    public void HalvingEndToEndKeepsAboutOneThirdPerRung()
    {
        using var dir = new TempDir();
        var study = NewStudy(
            dir,
            new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3),
            StudyDirection.Maximize
        );
        var rng = new Random(4);
        var quality = Enumerable.Range(0, 27).Select(_ => rng.NextDouble()).ToArray();
        new StudyRunner(study, t =>
        {
            for (var step = 0; step <= 9; step++)
            {
                t.Report(step, quality[t.Number] * (1 + step));
                t.PruneIfNeeded();
            }
            return quality[t.Number] * 10;
        }).Run(quality.Length);
        var trials = study.GetTrials();
        var reachedRung1 = trials.Count(t => t.SystemAttrs.ContainsKey("completed_rung_1"));
        var complete = trials.Count(t => t.State == TrialState.Complete);
        Assert.InRange(reachedRung1, 5, 18); // asynchronous: roughly a third of 27 get past rung 0
        Assert.InRange(complete, 1, reachedRung1);
        Assert.Equal(TrialState.Complete, trials.MaxBy(t => quality[t.Number])!.State);
    }

    [Fact]
    public void PrunersParseFromCommandLine()
    {
        Assert.Equal(10, Assert.IsType<MedianPruner>(Pruners.Parse("median:10:2")).StartupTrials);
        Assert.Equal(3, Assert.IsType<SuccessiveHalvingPruner>(Pruners.Parse("halving:1:3")).ReductionFactor);
        Assert.IsType<NopPruner>(Pruners.Parse("none"));
        Assert.Throws<FormatException>(() => Pruners.Parse("hyperband"));
        Assert.IsType<CoarseToFineSampler>(Samplers.Parse("c2f:20:0.3"));
        Assert.Equal(4, Assert.IsType<GridSampler>(Samplers.Parse("grid:4")).Points);
    }
}
