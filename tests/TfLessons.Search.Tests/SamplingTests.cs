using Xunit;

namespace TfLessons.Search.Tests;

public sealed class SamplingTests
{
    private const int N = 40_000;

    private static List<double> Draw(string spec, int n = N, ulong seed = 1)
    {
        var p = SpaceParser.ParseOne(spec);
        var range = ParamRange.Full(p);
        return Enumerable.Range(0, n).Select(k => range.Sample(p, new TrialRng(seed, k, p.Name))).ToList();
    }

    [Fact]
    public void LogUniformGivesEachDecadeEqualShare()
    {
        var xs = Draw("lr=log:1e-4:1");
        Assert.All(xs, x => Assert.InRange(x, 1e-4, 1));
        var perDecade = xs.GroupBy(x => (int)Math.Floor(Math.Log10(x)))
            .ToDictionary(g => g.Key, g => g.Count() / (double)N);
        Assert.Equal([-4, -3, -2, -1], perDecade.Keys.Order());
        Assert.All(perDecade.Values, share => Assert.InRange(share, 0.25 - 0.015, 0.25 + 0.015));
    }

    [Fact]
    public void OneMinusLogGivesEachDecadeOfOneMinusBetaEqualShare()
    {
        var betas = Draw("beta=oneminuslog:0.9:0.999");
        Assert.All(betas, b => Assert.InRange(b, 0.9, 0.999));
        // 1-beta in [0.001, 0.1]: two decades, half the samples each (0.9..0.99 vs 0.99..0.999).
        var below = betas.Count(b => b < 0.99) / (double)N;
        Assert.InRange(below, 0.5 - 0.015, 0.5 + 0.015);
        var perDecade = betas
            .GroupBy(b => (int)Math.Floor(Math.Log10(1 - b)))
            .ToDictionary(g => g.Key, g => g.Count() / (double)N);
        Assert.Equal([-3, -2], perDecade.Keys.Order());
    }

    [Fact]
    public void IntBoundsAreInclusiveAndUniform()
    {
        var xs = Draw("hidden=int:5:50");
        var counts = xs.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(5, 46).Select(i => (double)i), counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, N / 46.0 * 0.8, N / 46.0 * 1.2));
        var stepped = Draw("units=int:10:100:30", 2000);
        Assert.Equal([10.0, 40, 70, 100], stepped.Distinct().Order());
    }

    [Fact]
    public void CategoricalAndPow2AreUniform()
    {
        var cats = Draw("opt=cat:adam,momentum,gd")
            .GroupBy(x => x)
            .ToDictionary(g => g.Key, g => g.Count() / (double)N);
        Assert.Equal([0.0, 1, 2], cats.Keys.Order());
        Assert.All(cats.Values, share => Assert.InRange(share, 1 / 3.0 - 0.015, 1 / 3.0 + 0.015));
        var pows = Draw("batch=pow2:16:256").GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count() / (double)N);
        Assert.Equal([16.0, 32, 64, 128, 256], pows.Keys.Order());
        Assert.All(pows.Values, share => Assert.InRange(share, 0.2 - 0.015, 0.2 + 0.015));
    }

    [Fact]
    public void UniformCoversTheRange()
    {
        var xs = Draw("dropout=uniform:0:0.5");
        Assert.All(xs, x => Assert.InRange(x, 0, 0.5));
        Assert.InRange(xs.Count(x => x < 0.25) / (double)N, 0.485, 0.515);
    }

    [Fact]
    public void TrialParametersDependOnlyOnSeedAndNumber()
    {
        var space = SpaceTests.Full();
        var a = ParamBox.Full(space).Sample(space, 42, 17);
        var b = ParamBox.Full(space).Sample(space, 42, 17);
        Assert.Equal(a, b);
        Assert.NotEqual(a, ParamBox.Full(space).Sample(space, 42, 18));
        Assert.NotEqual(a, ParamBox.Full(space).Sample(space, 43, 17));
        // Adding a parameter leaves the others' values alone.
        var bigger = SpaceTests.Full().Uniform("extra", 0, 1);
        var c = ParamBox.Full(bigger).Sample(bigger, 42, 17);
        Assert.All(a, kv => Assert.Equal(kv.Value, c[kv.Key]));
    }

    [Fact]
    public void GridTriesFewerDistinctValuesThanRandom()
    {
        using var dir = new TempDir();
        using var storage = StudyStorage.Open(dir.SqliteUrl());
        var space = new SearchSpace().Log("lr", 1e-4, 1).Uniform("dropout", 0, 0.5);
        var grid = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "grid",
                Space = space,
                Sampler = new GridSampler(5),
            }
        );
        var random = Study.Create(
            storage,
            new StudyConfig
            {
                Name = "random",
                Space = space,
                Seed = 3,
            }
        );
        foreach (var study in new[] { grid, random })
        {
            new StudyRunner(study, t => t.Params.Float("lr") + t.Params.Float("dropout")).Run(25);
        }
        Assert.Equal(25, ((GridSampler)grid.Sampler).GridSize(space));
        Assert.Equal(
            new Dictionary<string, int> { ["lr"] = 5, ["dropout"] = 5 },
            GridSampler.DistinctValueCounts(grid.GetTrials())
        );
        Assert.Equal(
            new Dictionary<string, int> { ["lr"] = 25, ["dropout"] = 25 },
            GridSampler.DistinctValueCounts(random.GetTrials())
        );
        // Grid values of a log parameter are log-spaced: 1e-4, 1e-3, ..., 1.
        Assert.Equal(
            [1e-4, 1e-3, 1e-2, 1e-1, 1],
            grid.GetTrials().Select(t => t.Params["lr"]).Distinct().Order().Select(v => Math.Round(v, 10))
        );
    }
}
