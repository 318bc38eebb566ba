using System.Globalization;

namespace TfLessons.Search;

/// <summary>The report's SVG charts.</summary>
internal static class Charts
{
    private const string PrunedColor = "#bbbbbb";

    /// <summary>Objective per trial number plus the best-so-far line.</summary>
    public static string History(Study study, IReadOnlyList<TrialRecord> trials)
    {
        var valued = trials
            .Where(t => t.Value is { } v && double.IsFinite(v) && t.State is TrialState.Complete or TrialState.Pruned)
            .OrderBy(t => t.Number)
            .ToList();
        var x = Axes.ForValues(trials.Select(t => (double)t.Number).DefaultIfEmpty(0), "trial number");
        var y = Axes.ForValues(valued.Select(t => t.Value!.Value), "objective value");
        var plot = new Plot(
            1100,
            340,
            x,
            y,
            $"Optimization history ({(study.Direction == StudyDirection.Minimize ? "lower" : "higher")} is better)"
        );
        var best = new List<(double, double)>();
        double? bestSoFar = null;
        foreach (var t in valued)
        {
            var v = t.Value!.Value;
            if (t.State == TrialState.Complete)
            {
                if (bestSoFar is null || (study.Direction == StudyDirection.Minimize ? v < bestSoFar : v > bestSoFar))
                {
                    if (bestSoFar is { } prev)
                    {
                        best.Add((t.Number, prev));
                    }
                    bestSoFar = v;
                }
                best.Add((t.Number, bestSoFar.Value));
            }
        }
        if (bestSoFar is { } last && valued.Count > 0)
        {
            best.Add((valued[^1].Number, last));
        }
        plot.Line(best, "#d62728", 2);
        foreach (var t in valued)
        {
            plot.Point(
                t.Number,
                t.Value!.Value,
                t.State == TrialState.Pruned ? PrunedColor : "#1f77b4",
                3.5,
                Tip(study, t)
            );
        }
        return plot.ToSvg()
            + Legend(
                ("complete", "#1f77b4"),
                ("pruned (last reported value)", PrunedColor),
                ("best so far", "#d62728")
            );
    }

    /// <summary>One scatter per parameter: value (log axis for log-sampled parameters) against objective.</summary>
    public static string ParamSlice(Study study, ParamSpec p, IReadOnlyList<TrialRecord> trials)
    {
        var pts = trials
            .Where(t =>
                t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v) && t.Params.ContainsKey(p.Name)
            )
            .ToList();
        var x = Axes.ForParam(p, pts.Select(t => t.Params[p.Name]));
        var y = Axes.ForValues(pts.Select(t => t.Value!.Value), "objective");
        var plot = new Plot(360, 260, x, y, $"{p.Name}: {ParamSpec.KindName(p.Kind)}");
        var order = Rank(study, pts);
        foreach (var t in pts)
        {
            plot.Point(
                Axes.Position(p, t.Params[p.Name]),
                t.Value!.Value,
                Svg.Color(order[t.TrialId]),
                3.5,
                Tip(study, t)
            );
        }
        return plot.ToSvg();
    }

    /// <summary>Parallel coordinates: one vertical axis per parameter and one for the objective.</summary>
    public static string Parallel(Study study, IReadOnlyList<ParamSpec> specs, IReadOnlyList<TrialRecord> trials)
    {
        var pts = trials
            .Where(t =>
                t.State == TrialState.Complete
                && t.Value is { } v
                && double.IsFinite(v)
                && specs.All(p => t.Params.ContainsKey(p.Name))
            )
            .ToList();
        var axes = specs
            .Select(p => Axes.ForParam(p, pts.Select(t => t.Params[p.Name])))
            .Append(Axes.ForValues(pts.Select(t => t.Value!.Value), "objective"))
            .ToList();
        const int width = 1100,
            height = 380,
            top = 40,
            bottom = 50,
            left = 70,
            right = 70;
        var gap = axes.Count > 1 ? (width - left - right) / (double)(axes.Count - 1) : 0;
        double X(int i) => left + i * gap;
        double Y(int i, double t) =>
            height
            - bottom
            - (axes[i].Max > axes[i].Min ? (t - axes[i].Min) / (axes[i].Max - axes[i].Min) : 0.5)
                * (height - top - bottom);
        var sb = new System.Text.StringBuilder();
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" "
                + $"viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"parallel coordinates\">"
        );
        sb.Append(
            CultureInfo.InvariantCulture,
            $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>"
        );
        sb.Append(
            Svg.Text(
                width / 2.0,
                18,
                "Parallel coordinates (colour: objective, dark = better; thick = top 10%)",
                13,
                "middle",
                "bold"
            )
        );
        var order = Rank(study, pts);
        // Worst first so the best lines are drawn on top.
        foreach (var t in pts.OrderByDescending(t => order[t.TrialId]))
        {
            var line = specs
                .Select((p, i) => (X(i), Y(i, Axes.Position(p, t.Params[p.Name]))))
                .Append((X(specs.Count), Y(specs.Count, t.Value!.Value)));
            var f = order[t.TrialId];
            sb.Append(Svg.Polyline(line, Svg.Color(f), f <= 0.1 ? 2.6 : 1.1, f <= 0.1 ? 0.95 : 0.55));
        }
        for (var i = 0; i < axes.Count; i++)
        {
            sb.Append(Svg.Polyline([(X(i), top), (X(i), height - bottom)], "#333", 1.2));
            sb.Append(
                Svg.Text(
                    X(i),
                    height - bottom + 18,
                    i < specs.Count ? specs[i].Name : "objective",
                    11,
                    "middle",
                    "bold"
                )
            );
            foreach (var (t, label) in axes[i].Ticks.Where(k => k.T >= axes[i].Min && k.T <= axes[i].Max))
            {
                sb.Append(Svg.Polyline([(X(i) - 3, Y(i, t)), (X(i), Y(i, t))], "#333", 1));
                sb.Append(Svg.Text(X(i) - 5, Y(i, t) + 3.5, label, 9, "end"));
            }
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Coarse-to-fine: trials of two parameters coloured by round, each round's box drawn nested.</summary>
    public static string Rounds(
        Study study,
        ParamSpec px,
        ParamSpec py,
        IReadOnlyList<CoarseToFineRound> rounds,
        IReadOnlyList<TrialRecord> trials,
        int trialsPerRound
    )
    {
        var pts = trials.Where(t => t.Params.ContainsKey(px.Name) && t.Params.ContainsKey(py.Name)).ToList();
        var plot = new Plot(
            620,
            520,
            Axes.ForParam(px, pts.Select(t => t.Params[px.Name])),
            Axes.ForParam(py, pts.Select(t => t.Params[py.Name])),
            $"Coarse-to-fine rounds: {px.Name} vs {py.Name}"
        );
        foreach (var r in rounds)
        {
            var (x0, x1) = Extent(px, r.Box);
            var (y0, y1) = Extent(py, r.Box);
            var color = Svg.RoundColor(r.Round);
            plot.Box(
                x0,
                y0,
                x1,
                y1,
                color,
                color,
                0.06,
                $"round {r.Round} box" + (r.CenterTrial is { } c ? $" (centred on trial {c})" : "")
            );
        }
        var best = study.Ranked(pts).FirstOrDefault();
        foreach (var t in pts)
        {
            var round = trialsPerRound > 0 ? t.Number / trialsPerRound : 0;
            plot.Point(
                Axes.Position(px, t.Params[px.Name]),
                Axes.Position(py, t.Params[py.Name]),
                t.State == TrialState.Complete ? Svg.RoundColor(round) : PrunedColor,
                best is not null && t.TrialId == best.TrialId ? 7 : 3.5,
                Tip(study, t) + $", round {round}"
            );
        }
        return plot.ToSvg() + Legend(rounds.Select(r => ($"round {r.Round}", Svg.RoundColor(r.Round))).ToArray());
    }

    // A box's extent on a parameter's plot position; categoricals span their allowed indices.
    private static (double, double) Extent(ParamSpec p, ParamBox box)
    {
        if (!box.Ranges.TryGetValue(p.Name, out var r))
        {
            r = ParamRange.Full(p);
        }
        if (p.Kind == ParamKind.Categorical)
        {
            var c = r.Choices ?? [0];
            return (c.Min() - 0.45, c.Max() + 0.45);
        }
        double a = Axes.PositionOfCoord(p, r.Lo), b = Axes.PositionOfCoord(p, r.Hi);
        return (Math.Min(a, b), Math.Max(a, b));
    }

    // Fraction in [0, 1] of each trial's rank by value, 0 = best.
    private static Dictionary<int, double> Rank(Study study, IReadOnlyList<TrialRecord> pts)
    {
        var ranked = study.Ranked(pts);
        return ranked
            .Select((t, i) => (t.TrialId, F: ranked.Count > 1 ? i / (double)(ranked.Count - 1) : 0))
            .ToDictionary(x => x.TrialId, x => x.F);
    }

    private static string Tip(Study study, TrialRecord t) =>
        $"trial {t.Number} ({t.State.ToDb().ToLowerInvariant()}): value {Svg.Fmt(t.Value ?? double.NaN)}; "
        + string.Join(
            ", ",
            t.Params.Keys.Select(k =>
                $"{k}={(study.SpecFor(k, [t]) is { } s ? s.Format(t.Params[k]) : Svg.Fmt(t.Params[k]))}"
            )
        );

    private static string Legend(params (string Label, string Color)[] items) =>
        "<div class=\"legend\">"
        + string.Concat(items.Select(i => $"<span><i style=\"background:{i.Color}\"></i>{Svg.Esc(i.Label)}</span>"))
        + "</div>";
}
