using ScottPlot;
using TfLessons.Course;
using TfLessons.Examples.Course;

namespace TfLessons.Plots;

/// <summary>Line figures: cost curves of several runs on one plot, and learning-rate schedules.</summary>
public static class Curves
{
    /// <summary>
    /// Each run's recorded costs against its iteration (or epoch). Infinite or NaN costs (the large random
    /// initialization's first cost is inf) cannot be drawn; they are left out and the legend says so.
    /// </summary>
    public static Figure Costs(
        string name,
        string title,
        IEnumerable<LessonRun> runs,
        string xLabel = "iteration",
        string yLabel = "cost"
    )
    {
        Plot plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        int index = 0;
        foreach (LessonRun run in runs)
        {
            var finite = run.Costs.Where(c => double.IsFinite(c.Cost)).ToArray();
            int dropped = run.Costs.Count - finite.Length;
            var line = plot.Add.Scatter(
                finite.Select(c => (double)c.Iteration).ToArray(),
                finite.Select(c => c.Cost).ToArray(),
                FigureStyle.Series(index++)
            );
            line.LineWidth = 2;
            line.MarkerSize = finite.Length <= 40 ? 5 : 0;
            line.LegendText =
                dropped == 0
                    ? run.Name
                    : $"{run.Name} ({dropped} non-finite cost{(dropped == 1 ? "" : "s")} not drawn)";
        }
        return Finish(name, plot, index);
    }

    /// <summary>Named series of (x, y) points on one plot (learning rates, accuracies, search objectives).</summary>
    public static Figure Lines(
        string name,
        string title,
        string xLabel,
        string yLabel,
        IEnumerable<(string Label, double[] X, double[] Y)> series
    )
    {
        Plot plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        int index = 0;
        foreach (var (label, xs, ys) in series)
        {
            if (xs.Length != ys.Length)
                throw new ArgumentException($"series '{label}': {xs.Length} x values but {ys.Length} y values");
            var line = plot.Add.Scatter(xs, ys, FigureStyle.Series(index++));
            line.LineWidth = 2;
            line.MarkerSize = 0;
            line.LegendText = label;
        }
        return Finish(name, plot, index);
    }

    // More than three curves would hide each other's ends under a legend inside the plot: it goes to the right of it.
    private static Figure Finish(string name, Plot plot, int series)
    {
        if (series <= 3)
        {
            plot.ShowLegend(Alignment.UpperRight);
            return FigureStyle.Render(name, plot);
        }
        plot.ShowLegend(Edge.Right);
        return FigureStyle.Render(name, plot, FigureStyle.Width + 160);
    }

    /// <summary>
    /// The 2021 optimization notebook's decay schedules over <paramref name="epochs"/>: update_lr's
    /// lr0 / (1 + decay * epoch) and schedule_lr_decay's lr0 / (1 + decay * floor(epoch / interval)).
    /// </summary>
    public static Figure LearningRateSchedules(
        string name,
        double lr0 = 0.1,
        double decayRate = 1,
        int timeInterval = 1000,
        int epochs = 5000
    )
    {
        if (epochs <= 0) throw new ArgumentException($"learning-rate schedules: epochs must be positive, got {epochs}");
        double[] e = Enumerable.Range(0, epochs).Select(i => (double)i).ToArray();
        double[] inverse = e.Select(i => lr0 / (1 + decayRate * i)).ToArray();
        double[] fixedInterval = e.Select(i => lr0 / (1 + decayRate * Math.Floor(i / timeInterval))).ToArray();
        return Lines(name, $"learning-rate decay from {lr0} (decay rate {decayRate})", "epoch", "learning rate",
        [
            ("update_lr: lr0 / (1 + decay * epoch)", e, inverse),
            ($"schedule_lr_decay: interval {timeInterval}", e, fixedInterval),
        ]);
    }
}
