using TfLessons.Course;
using TfLessons.Examples.Course;

namespace TfLessons.Examples;

/// <summary>
/// Course 2 week 3, batch normalization: the tutorial's SIGNS network with batch norm after each hidden linear layer
/// (evaluated in inference mode with the moving averages) beside the plain network.
/// </summary>
public sealed class BatchNormLesson : ILesson
{
    public string Name => "batch-norm";
    public string Description =>
        "C2W3 batch normalization: the SIGNS tutorial network with and "
        + "without batch norm (--epochs 300, --learning-rate, --data)";

    public IReadOnlyList<LessonOption> Options { get; } =
    [
        LessonOption.Int("epochs", 300, "training epochs"),
        LessonOption.Double("learning-rate", 0.0001, "Adam's learning rate"),
        LessonOption.Int("print-every", 50, "print the cost every N epochs"),
        LessonOption.InputPath("data", "training set .h5 (default: shared/data/course)"),
        LessonOption.InputPath("test-data", "test set .h5 (default: shared/data/course)"),
    ];

    public int Run(LessonOptions options, TextWriter output)
    {
        var settings = new TfTutorialLesson.Settings(
            Epochs: options.Int("epochs"),
            LearningRate: options.Double("learning-rate"),
            PrintEvery: options.Int("print-every"),
            TrainPath: options.String("data"),
            TestPath: options.String("test-data"));
        var report = new LessonReport(Name);
        foreach (bool batchNorm in new[] { false, true })
        {
            output.WriteLine(batchNorm ? "== with batch norm ==" : "== plain ==");
            report.Runs.Add(TfTutorialLesson.Train(settings with { BatchNorm = batchNorm }, output).Run);
        }
        output.WriteLine();
        output.WriteLine($"{"epoch",6} {"plain cost",12} {"batch-norm cost",16}");
        foreach (
            var ((epoch, plain), (_, bn)) in report
                .Runs[0]
                .Costs.Zip(report.Runs[1].Costs)
                .Where(p => p.First.Iteration % settings.PrintEvery == 0)
        )
            output.WriteLine($"{epoch,6} {plain,12:F6} {bn,16:F6}");
        foreach (LessonRun r in report.Runs)
            output.WriteLine($"{r.Name}: train accuracy {r.TrainAccuracy:F4}, test accuracy {r.TestAccuracy:F4}");
        return LessonCommon.Finish(report, options, output);
    }
}
