namespace TfLessons.Search;

/// <summary>
/// A sub-range of one parameter on its sampling coordinate (see <see cref="ParamSpec"/>):
/// [Lo, Hi] for numeric kinds, the allowed choice indices for categoricals.
/// </summary>
/// <param name="Lo">Lowest coordinate.</param>
/// <param name="Hi">Highest coordinate.</param>
/// <param name="Choices">Allowed categorical indices (null for numeric kinds).</param>
public sealed record ParamRange(double Lo, double Hi, IReadOnlyList<int>? Choices = null)
{
    /// <summary>The whole range of a parameter.</summary>
    public static ParamRange Full(ParamSpec p) => p.Kind == ParamKind.Categorical
        ? new ParamRange(0, p.Choices.Count - 1, Enumerable.Range(0, p.Choices.Count).ToArray())
        : new ParamRange(p.CoordLow, p.CoordHigh);

    /// <summary>
    /// Draws an internal value uniformly on the coordinate within this range. Discrete kinds
    /// pick uniformly among the grid points inside the range, so e.g. every integer of
    /// int:5:50 (both bounds included) is equally likely.
    /// </summary>
    public double Sample(ParamSpec p, TrialRng rng)
    {
        switch (p.Kind)
        {
            case ParamKind.Categorical:
                var allowed = Choices is { Count: > 0 } ? Choices : Enumerable.Range(0, p.Choices.Count).ToArray();
                return allowed[(int)rng.NextIndex(allowed.Count)];
            case ParamKind.Int:
                {
                    var first = Math.Ceiling((Lo - p.Low) / p.Step - 1e-9);
                    var last = Math.Floor((Hi - p.Low) / p.Step + 1e-9);
                    if (last < first)
                    {
                        return p.FromCoord((Lo + Hi) / 2);
                    }
                    return p.Low + (first + rng.NextIndex((long)(last - first) + 1)) * p.Step;
                }
            case ParamKind.Pow2:
                {
                    var first = Math.Ceiling(Lo - 1e-9);
                    var last = Math.Floor(Hi + 1e-9);
                    if (last < first)
                    {
                        return p.FromCoord((Lo + Hi) / 2);
                    }
                    return Math.Pow(2, first + rng.NextIndex((long)(last - first) + 1));
                }
            default:
                return p.FromCoord(Lo + rng.NextDouble() * (Hi - Lo));
        }
    }

    /// <summary>Width on the coordinate axis.</summary>
    public double Width => Hi - Lo;
}

/// <summary>A box in the search space: one <see cref="ParamRange"/> per parameter.</summary>
/// <param name="Ranges">Ranges by parameter name.</param>
public sealed record ParamBox(IReadOnlyDictionary<string, ParamRange> Ranges)
{
    /// <summary>The whole space.</summary>
    public static ParamBox Full(SearchSpace space) => new(space.ToDictionary(p => p.Name, ParamRange.Full));

    /// <summary>Samples every parameter of <paramref name="space"/> inside the box for trial <paramref
    /// name="trialNumber"/>.</summary>
    public Dictionary<string, double> Sample(SearchSpace space, ulong seed, int trialNumber) =>
        space.ToDictionary(
            p => p.Name,
            p =>
                (Ranges.TryGetValue(p.Name, out var r) ? r : ParamRange.Full(p)).Sample(
                    p,
                    new TrialRng(seed, trialNumber, p.Name)
                )
        );
}
