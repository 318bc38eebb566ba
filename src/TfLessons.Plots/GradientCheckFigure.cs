using ScottPlot;
using TfLessons.Course;
using TfLessons.Examples.Course;

namespace TfLessons.Plots;

/// <summary>The gradient-checking lesson's relative differences on a log scale, beside the notebook's
/// thresholds.</summary>
public static class GradientCheckFigure
{
    /// <summary>One bar per run (height log10 of its difference) and the 1e-7 / 2e-7 thresholds as dashed
    /// lines.</summary>
    public static Figure Differences(string name, IEnumerable<LessonRun> runs)
    {
        var checkedRuns = runs.Where(r => r.Difference is double d && d > 0).ToArray();
        if (checkedRuns.Length == 0)
            throw new ArgumentException("gradient-check figure: no run has a positive difference");
        Plot plot = FigureStyle.NewPlot(
            "gradient check: ||grad - gradapprox|| / (||grad|| + ||gradapprox||)",
            "run",
            "relative difference (log scale)"
        );
        for (int i = 0; i < checkedRuns.Length; i++)
        {
            double log = Math.Log10(checkedRuns[i].Difference!.Value);
            bool ok = checkedRuns[i].Difference < (checkedRuns[i].Name == "1d" ? 1e-7 : 2e-7);
            var bar = new Bar
            {
                Position = i,
                Value = log,
                ValueBase = -12,
                FillColor = ok ? Color.FromHex("#2ca02c") : Color.FromHex("#d62728"),
                Label = checkedRuns[i]
                    .Difference!.Value.ToString("0.00e+0", System.Globalization.CultureInfo.InvariantCulture),
            };
            plot.Add.Bar(bar);
        }
        var threshold = plot.Add.HorizontalLine(Math.Log10(1e-7), 1.5f, Color.FromHex("#555555"), LinePattern.Dashed);
        threshold.LegendText = "1e-7 (1-D threshold)";
        var threshold2 = plot.Add.HorizontalLine(Math.Log10(2e-7), 1.5f, Color.FromHex("#999999"), LinePattern.Dotted);
        threshold2.LegendText = "2e-7 (network threshold)";
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, checkedRuns.Length).Select(i => (double)i).ToArray(),
            checkedRuns.Select(r => r.Name).ToArray()
        );
        plot.Axes.SetLimitsY(-12, 1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.ShowLegend(Alignment.UpperLeft);
        return FigureStyle.Render(name, plot);
    }
}
