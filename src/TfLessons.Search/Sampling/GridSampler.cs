using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// Grid search, kept for the course's random-vs-grid comparison: each numeric parameter gets
/// <see cref="Points"/> evenly spaced values on its sampling coordinate (so log parameters get
/// log-spaced values), categoricals all their choices. Trial k takes grid cell k (wrapping
/// around), last parameter varying fastest. With 25 trials on a 5x5 grid each parameter sees
/// only 5 distinct values where random search would try 25 — see <see cref="DistinctValueCounts"/>.
/// </summary>
public sealed class GridSampler : ISampler
{
    /// <summary>Creates a grid with <paramref name="points"/> values per numeric parameter.</summary>
    public GridSampler(int points = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        Points = points;
    }

    /// <summary>Values per numeric parameter.</summary>
    public int Points { get; }

    /// <summary>The grid values (internal representation) of one parameter, deduplicated.</summary>
    public IReadOnlyList<double> Values(ParamSpec p)
    {
        if (p.Kind == ParamKind.Categorical)
        {
            return Enumerable.Range(0, p.Choices.Count).Select(i => (double)i).ToList();
        }
        var lo = p.CoordLow;
        var hi = p.CoordHigh;
        return Enumerable.Range(0, Points)
            .Select(i => p.FromCoord(Points == 1 ? (lo + hi) / 2 : lo + (hi - lo) * i / (Points - 1)))
            .Distinct()
            .ToList();
    }

    /// <summary>Number of cells in the grid for <paramref name="space"/>.</summary>
    public long GridSize(SearchSpace space) => space.Aggregate(1L, (n, p) => n * Values(p).Count);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Sample(SamplingContext context)
    {
        var space = context.Study.Space;
        var axes = space.Select(Values).ToList();
        var index = context.TrialNumber % GridSize(space);
        var result = new Dictionary<string, double>();
        for (var i = space.Count - 1; i >= 0; i--)
        {
            result[space[i].Name] = axes[i][(int)(index % axes[i].Count)];
            index /= axes[i].Count;
        }
        return space.ToDictionary(p => p.Name, p => result[p.Name]);
    }

    /// <inheritdoc/>
    public JsonObject Describe() => new() { ["name"] = "grid", ["points"] = Points };

    /// <summary>How many distinct values each parameter took over <paramref name="trials"/>.</summary>
    public static IReadOnlyDictionary<string, int> DistinctValueCounts(IEnumerable<TrialRecord> trials) =>
        trials.SelectMany(t => t.Params)
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).Distinct().Count());
}
