using System.Globalization;
using Spectre.Console;

namespace TfLessons.Search;

/// <summary>Terminal views of a study for <c>tfl search status</c> and <c>report</c>.</summary>
public static class ReportTable
{
    /// <summary>Renders the best <paramref name="top"/> trials of <paramref name="study"/> as a table.</summary>
    public static void Render(Study study, IAnsiConsole console, int top = 10)
    {
        var trials = study.GetTrials();
        var names = study.ParamNames(trials);
        var summary = study.Summary();
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(
                $"[bold]{Markup.Escape(study.Name)}[/] — best {Math.Min(top, study.Ranked(trials).Count)} "
                    + $"trials ({study.Direction.ToString().ToLowerInvariant()})"
            )
            .Caption(Markup.Escape(HtmlReport.CountsText(summary)));
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn(new TableColumn("trial").RightAligned());
        table.AddColumn(new TableColumn("value").RightAligned());
        foreach (var n in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(n)).RightAligned());
        }
        table.AddColumn(new TableColumn("time").RightAligned());
        foreach (var (t, i) in study.Ranked(trials).Take(top).Select((t, i) => (t, i)))
        {
            var cells = new List<string>
            {
                (i + 1).ToString(CultureInfo.InvariantCulture),
                t.Number.ToString(CultureInfo.InvariantCulture),
                i == 0 ? $"[green]{Svg.Fmt(t.Value!.Value)}[/]" : Svg.Fmt(t.Value!.Value),
            };
            cells.AddRange(
                names.Select(n =>
                    t.Params.TryGetValue(n, out var v) && study.SpecFor(n, [t]) is { } s
                        ? Markup.Escape(s.Format(v))
                        : ""
                )
            );
            cells.Add(t.Duration is { } d ? d.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + "s" : "");
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    /// <summary>One line per study: counts by state and best value.</summary>
    public static void RenderStudies(IStudyStorage storage, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(storage.Describe));
        foreach (var c in new[] { "study", "direction", "running", "waiting", "complete", "pruned", "fail", "best" })
        {
            table.AddColumn(c);
        }
        foreach (var s in Study.Summaries(storage))
        {
            table.AddRow(
                Markup.Escape(s.Name),
                s.Direction.ToString().ToLowerInvariant(),
                s.Counts[TrialState.Running].ToString(CultureInfo.InvariantCulture),
                s.Counts[TrialState.Waiting].ToString(CultureInfo.InvariantCulture),
                s.Counts[TrialState.Complete].ToString(CultureInfo.InvariantCulture),
                s.Counts[TrialState.Pruned].ToString(CultureInfo.InvariantCulture),
                s.Counts[TrialState.Fail].ToString(CultureInfo.InvariantCulture),
                s.BestValue is { } b ? $"{Svg.Fmt(b)} (#{s.BestTrialNumber})" : "-");
        }
        console.Write(table);
    }
}
