using Xunit;

namespace TfLessons.Search.Tests;

public sealed class CoarseToFineTests
{
    internal static Study RunC2F(IStudyStorage storage, string name = "c2f", int workers = 1)
    {
        var space = new SearchSpace()
            .Log("lr", 1e-5, 1)
            .OneMinusLog("beta", 0.8, 0.9999)
            .Categorical("opt", "adam", "momentum", "gd")
            .Pow2("batch", 8, 512);
        var study = Study.Create(
            storage,
            new StudyConfig
            {
                Name = name,
                Space = space,
                Seed = 12,
                Sampler = new CoarseToFineSampler(20, 0.3, 0.2),
            }
        );
        // Optimum at lr = 10^-2.5, beta = 0.99, opt = adam, batch = 64.
        new StudyRunner(study, t =>
            Math.Pow(Math.Log10(t.Params.Float("lr")) + 2.5, 2)
            + Math.Pow(Math.Log10(1 - t.Params.Float("beta")) + 2, 2)
            + (t.Params.Choice("opt") == "adam" ? 0 : 0.5)
            + Math.Pow(Math.Log2(t.Params.Int("batch")) - 6, 2) / 10).RunParallel(60, workers);
        return study;
    }

    [Fact]
    public void RoundsShrinkNestedBoxesAroundTheBestTrial()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var study = RunC2F(storage);
        var rounds = study.Rounds();
        Assert.Equal([0, 1, 2], rounds.Select(r => r.Round));
        Assert.Null(rounds[0].CenterTrial);
        var trials = study.GetTrials();
        for (var r = 1; r < rounds.Count; r++)
        {
            var prev = rounds[r - 1].Box.Ranges;
            var box = rounds[r].Box.Ranges;
            foreach (var name in new[] { "lr", "beta", "batch" })
            {
                Assert.Equal(prev[name].Width * 0.3, box[name].Width, 9); // shrinks by the factor, on the log axis
                Assert.InRange(box[name].Lo, prev[name].Lo - 1e-9, prev[name].Hi);
                Assert.InRange(box[name].Hi, prev[name].Lo, prev[name].Hi + 1e-9);
            }
            Assert.Subset(prev["opt"].Choices!.ToHashSet(), box["opt"].Choices!.ToHashSet());
            // Every trial of round r lies in round r's box.
            foreach (var t in trials.Where(t => t.Number / 20 == r))
            {
                var p = study.Space.Find("lr")!;
                Assert.InRange(p.ToCoord(t.Params["lr"]), box["lr"].Lo - 1e-9, box["lr"].Hi + 1e-9);
                Assert.Contains((int)t.Params["opt"], box["opt"].Choices!);
            }
            // The box is centred on the best trial of the earlier rounds (unless pushed in from an edge).
            var best = study.Ranked(trials.Where(t => t.Number < r * 20)).First();
            Assert.Equal(best.Number, rounds[r].CenterTrial);
        }
        var bestPerRound = Enumerable
            .Range(0, 3)
            .Select(r => study.Ranked(trials.Where(t => t.Number / 20 == r)).First().Value!.Value)
            .ToList();
        Assert.True(
            bestPerRound[2] <= bestPerRound[0],
            $"fine rounds should find better points: {string.Join(", ", bestPerRound)}"
        );
    }
}
