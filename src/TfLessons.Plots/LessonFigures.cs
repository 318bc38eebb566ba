using TfLessons.Course;
using TfLessons.Examples.Course;
using TfLessons.IO;

namespace TfLessons.Plots;

/// <summary>The figures of each lesson's notebook, drawn from the lesson's report (what <c>tfl lesson run NAME --plots
/// DIR</c> writes).</summary>
public static class LessonFigures
{
    public static IEnumerable<Figure> For(LessonReport report)
    {
        switch (report.Lesson)
        {
            case "initialization":
                var (cx, cy, _, _) = CourseData.Circles();
                yield return Curves.Costs(
                    "costs",
                    "initialization: cost per iteration (learning rate 0.01)",
                    report.Runs
                );
                foreach (Figure f in Boundaries(report, cx, cy, report.Lesson))
                    yield return f;
                break;
            case "regularization":
                var (x, y, _, _) = CourseData.Football();
                yield return Curves.Costs(
                    "costs",
                    "regularization: cost per iteration (learning rate 0.3)",
                    report.Runs
                );
                foreach (Figure f in Boundaries(report, x, y, report.Lesson))
                    yield return f;
                break;
            case "gradient-checking":
                yield return GradientCheckFigure.Differences("differences", report.Runs);
                break;
            case "optimization" or "optimization-2021":
                var (mx, my) = CourseData.Moons();
                yield return Curves.Costs(
                    "costs",
                    $"{report.Lesson}: cost per epoch (printed every 1000)",
                    report.Runs,
                    "epoch"
                );
                foreach (Figure f in Boundaries(report, mx, my, report.Lesson))
                    yield return f;
                if (report.Lesson == "optimization-2021")
                    yield return Curves.LearningRateSchedules("learning-rate-schedules");
                break;
            case "tf-tutorial":
                yield return Curves.Costs("costs", "SIGNS tutorial: cost per epoch (Adam 1e-4)", report.Runs, "epoch");
                if (SignsSamples("signs-samples") is Figure signs) yield return signs;
                break;
            case "batch-norm":
                yield return Curves.Costs("costs", "SIGNS network: plain vs batch norm", report.Runs, "epoch");
                break;
            case "fashion-mnist":
                yield return Curves.Costs(
                    "costs",
                    "Fashion-MNIST: training loss per epoch",
                    report.Runs,
                    "epoch",
                    "loss"
                );
                if (FashionMnist.FindDirectory() is string dir)
                    yield return FashionSamples("fashion-mnist-samples", FashionMnist.Load(dir));
                break;
        }
    }

    /// <summary>Writes every figure of the report into <paramref name="directory"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(LessonReport report, string directory) =>
        For(report).Select(f => f.Save(directory)).ToList();

    /// <summary>One decision-boundary figure per run that kept its trained parameters.</summary>
    public static IEnumerable<Figure> Boundaries(LessonReport report, NDArray x, NDArray y, string what) =>
        report
            .Runs.Where(r => r.Parameters.ContainsKey("W1"))
            .Select(r =>
                DecisionBoundary.Plot(
                    $"boundary-{r.Name}",
                    $"{what}: {r.Name} (train accuracy {r.TrainAccuracy:0.###})",
                    CourseNetwork.Predictor(r.Parameters),
                    x,
                    y
                )
            );

    /// <summary>The first <paramref name="count"/> SIGNS test images with their digit, or null when the course data is
    /// missing.</summary>
    public static Figure? SignsSamples(string name, int count = 12)
    {
        if (SharedData.TryFindRoot() is not string root)
            return null;
        string train = Path.Combine(root, "course", "train_signs_approx_cs230jpeg.h5"),
            test = Path.Combine(root, "course", "test_signs.h5");
        if (!File.Exists(train) || !File.Exists(test))
            return null;
        SignsSplit split = SignsDataset.Load(train, test).Test;
        var shown = Enumerable.Range(0, Math.Min(count, split.Count)).ToList();
        return ImageGrid.Plot(name, split.Images, split.Height, split.Width, split.Channels, shown, i =>
            $"y = {split.Labels[i]}"
        );
    }

    /// <summary>The first test image of each class with its name.</summary>
    public static Figure FashionSamples(string name, FashionMnist data, int perClass = 1)
    {
        var shown = new List<int>();
        for (int c = 0; c < FashionMnist.ClassNames.Count; c++)
            shown.AddRange(Enumerable.Range(0, data.TestCount).Where(i => data.TestLabels[i] == c).Take(perClass));
        return ImageGrid.Plot(
            name,
            data.TestImages,
            data.Rows,
            data.Columns,
            1,
            shown,
            i => FashionMnist.ClassNames[data.TestLabels[i]],
            columns: 5,
            scale: 3
        );
    }
}
