using System.Globalization;
using System.Text;

namespace TfLessons.Search;

/// <summary>Options for <see cref="HtmlReport"/>.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The two parameters for the coarse-to-fine box plot; null picks the first two non-categorical
    /// ones.</summary>
    public (string X, string Y)? RoundsParams { get; init; }

    /// <summary>Rows in the best-trials table.</summary>
    public int TopTrials { get; init; } = 10;
}

/// <summary>
/// Writes one self-contained HTML page for a study: inline SVG and CSS only (no scripts, no
/// external fonts or images), so it opens offline and renders the same in any browser.
/// </summary>
public static class HtmlReport
{
    /// <summary>Writes the report for <paramref name="study"/> to <paramref name="path"/>.</summary>
    public static void Write(Study study, string path, HtmlReportOptions? options = null) =>
        File.WriteAllText(path, Render(study, options), new UTF8Encoding(false));

    /// <summary>The report as an HTML string.</summary>
    public static string Render(Study study, HtmlReportOptions? options = null)
    {
        options ??= new HtmlReportOptions();
        var trials = study.GetTrials();
        var specs = study.ParamNames(trials).Select(n => study.SpecFor(n, trials)).OfType<ParamSpec>().ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{Svg.Esc($"Hyperparameter search: {study.Name}")}</title>");
        html.Append(
            "<style>body{font-family:sans-serif;margin:24px;color:#222;max-width:1140px}"
                + "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}"
                + "table{border-collapse:collapse;font-size:13px}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}"
                + ".grid{display:flex;flex-wrap:wrap;gap:8px}.legend{font-size:12px;margin:4px 0 8px}"
                + ".legend span{margin-right:14px}"
                + ".legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #555}"
                + ".muted{color:#777;font-size:13px}</style></head><body>\n"
        );
        html.Append($"<h1>{Svg.Esc($"Hyperparameter search: {study.Name}")}</h1>\n");
        html.Append(Summary(study, trials, specs));
        if (trials.Count == 0)
        {
            html.Append("<p>No trials yet.</p></body></html>\n");
            return html.ToString();
        }
        html.Append("<h2>Optimization history</h2>\n").Append(Charts.History(study, trials)).Append('\n');
        html.Append(
            "<h2>Each parameter against the objective</h2>\n<p class=\"muted\">Log-sampled parameters are drawn "
                + "on log axes, so each decade gets equal width. Colour: rank, dark = better.</p><div class=\"grid\">"
        );
        foreach (var p in specs)
        {
            html.Append(Charts.ParamSlice(study, p, trials));
        }
        html.Append("</div>\n");
        if (specs.Count > 0)
        {
            html.Append("<h2>Parallel coordinates</h2>\n").Append(Charts.Parallel(study, specs, trials)).Append('\n');
        }
        html.Append(RoundsSection(study, specs, trials, options));
        html.Append("<h2>Best trials</h2>\n").Append(BestTable(study, trials, specs, options.TopTrials));
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Summary(Study study, IReadOnlyList<TrialRecord> trials, IReadOnlyList<ParamSpec> specs)
    {
        var s = study.Summary();
        var sb = new StringBuilder("<table>");
        void Row(string k, string v) =>
            sb.Append(
                $"<tr><th style=\"text-align:left\">{Svg.Esc(k)}</th><td "
                    + $"style=\"text-align:left\">{Svg.Esc(v)}</td></tr>"
            );
        Row("direction", study.Direction.ToString().ToLowerInvariant());
        Row("trials", CountsText(s));
        Row("best", s.BestValue is { } b ? $"{Svg.Fmt(b)} (trial {s.BestTrialNumber})" : "none yet");
        Row("search space", study.Space.Count > 0 ? study.Space.ToString() : string.Join(" ", specs));
        Row(
            "sampler / pruner",
            $"{study.Sampler.Describe().ToJsonString()} / {study.Pruner.Describe().ToJsonString()}"
        );
        var distinct = GridSampler.DistinctValueCounts(trials);
        Row(
            "distinct values tried",
            string.Join(", ", specs.Select(p => $"{p.Name}: {distinct.GetValueOrDefault(p.Name)}"))
        );
        sb.Append("</table>\n");
        return sb.ToString();
    }

    /// <summary>"12 complete, 3 pruned" (or "no trials").</summary>
    public static string CountsText(StudySummary s)
    {
        var parts = s
            .Counts.Where(kv => kv.Value > 0)
            .Select(kv => $"{kv.Value} {kv.Key.ToDb().ToLowerInvariant()}")
            .ToList();
        return parts.Count == 0 ? "no trials" : string.Join(", ", parts);
    }

    private static string RoundsSection(
        Study study,
        IReadOnlyList<ParamSpec> specs,
        IReadOnlyList<TrialRecord> trials,
        HtmlReportOptions options
    )
    {
        var rounds = study.Rounds();
        if (rounds.Count == 0)
        {
            return "";
        }
        ParamSpec? px, py;
        if (options.RoundsParams is { } chosen)
        {
            px = specs.FirstOrDefault(p => p.Name == chosen.X)
                ?? throw new ArgumentException($"report: no parameter '{chosen.X}' in study '{study.Name}'");
            py = specs.FirstOrDefault(p => p.Name == chosen.Y)
                ?? throw new ArgumentException($"report: no parameter '{chosen.Y}' in study '{study.Name}'");
        }
        else
        {
            var numeric = specs
                .Where(p => p.Kind != ParamKind.Categorical)
                .Concat(specs.Where(p => p.Kind == ParamKind.Categorical))
                .ToList();
            if (numeric.Count < 2)
            {
                return "";
            }
            (px, py) = (numeric[0], numeric[1]);
        }
        var perRound = study.Sampler is CoarseToFineSampler c2f ? c2f.TrialsPerRound : 0;
        var sb = new StringBuilder(
            "<h2>Coarse-to-fine rounds</h2>\n<p class=\"muted\">Each rectangle "
                + "is the box a round sampled in; the large dot is the best trial.</p>"
        );
        sb.Append(Charts.Rounds(study, px, py, rounds, trials, perRound));
        sb.Append("<table><tr><th>round</th><th>centred on trial</th>");
        foreach (var p in specs)
        {
            sb.Append($"<th>{Svg.Esc(p.Name)}</th>");
        }
        sb.Append("</tr>");
        foreach (var r in rounds)
        {
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<tr><td>{r.Round}</td>"
                    + $"<td>{(r.CenterTrial is { } t ? t.ToString(CultureInfo.InvariantCulture) : "-")}</td>"
            );
            foreach (var p in specs)
            {
                sb.Append($"<td>{Svg.Esc(RangeText(p, r.Box))}</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>\n");
        return sb.ToString();
    }

    // A box range in the parameter's own units, e.g. "[0.00031, 0.0027]".
    private static string RangeText(ParamSpec p, ParamBox box)
    {
        if (!box.Ranges.TryGetValue(p.Name, out var r))
        {
            return "all";
        }
        if (p.Kind == ParamKind.Categorical)
        {
            return "{" + string.Join(", ", (r.Choices ?? []).Select(i => p.Choices[i])) + "}";
        }
        double a = Unclamped(p, r.Lo), b = Unclamped(p, r.Hi);
        return $"[{Svg.Fmt(Math.Min(a, b))}, {Svg.Fmt(Math.Max(a, b))}]";
    }

    private static double Unclamped(ParamSpec p, double coord) => p.Kind switch
    {
        ParamKind.Log => Math.Pow(10, coord),
        ParamKind.OneMinusLog => 1 - Math.Pow(10, coord),
        ParamKind.Pow2 => Math.Pow(2, coord),
        _ => coord,
    };

    private static string BestTable(
        Study study,
        IReadOnlyList<TrialRecord> trials,
        IReadOnlyList<ParamSpec> specs,
        int top
    )
    {
        var sb = new StringBuilder("<table><tr><th>rank</th><th>trial</th><th>value</th>");
        foreach (var p in specs)
        {
            sb.Append($"<th>{Svg.Esc(p.Name)}</th>");
        }
        sb.Append("<th>duration</th></tr>");
        foreach (var (t, i) in study.Ranked(trials).Take(top).Select((t, i) => (t, i)))
        {
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<tr><td>{i + 1}</td><td>{t.Number}</td><td>{Svg.Fmt(t.Value!.Value)}</td>"
            );
            foreach (var p in specs)
            {
                sb.Append($"<td>{(t.Params.TryGetValue(p.Name, out var v) ? Svg.Esc(p.Format(v)) : "")}</td>");
            }
            sb.Append(
                CultureInfo.InvariantCulture,
                $"<td>{(t.Duration is { } d ? $"{d.TotalSeconds:0.##} s" : "")}</td></tr>"
            );
        }
        sb.Append("</table>\n");
        return sb.ToString();
    }
}
