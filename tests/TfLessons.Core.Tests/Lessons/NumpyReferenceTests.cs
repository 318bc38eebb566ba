using System.Text.Json;
using TfLessons.Course;
using TfLessons.Examples;
using TfLessons.Examples.Course;
using TfLessons.Layers;

namespace TfLessons.Tests.Lessons;

/// <summary>
/// Our lessons against an independent course-style NumPy implementation run live under Debian's numpy
/// (Reference/course_reference.py): numbers the notebooks never printed must agree too.
/// </summary>
public class NumpyReferenceTests
{
    private static void AssertCostsAgree(JsonElement reference, LessonRun ours, double rtol)
    {
        var expected = reference
            .GetProperty("costs")
            .EnumerateArray()
            .Select(c => (c[0].GetInt32(), PythonReference.Number(c[1])))
            .ToList();
        Assert.Equal(expected.Select(e => e.Item1), ours.Costs.Select(c => c.Iteration));
        foreach (var ((it, e), (_, a)) in expected.Zip(ours.Costs))
            Assert.True(Math.Abs(e - a) <= rtol * Math.Abs(e), $"{ours.Name} cost at {it}: numpy {e:R}, ours {a:R}");
    }

    [Fact]
    public void He_initialization_agrees_with_numpy_every_500_iterations()
    {
        JsonElement reference = PythonReference.Run(
            "course_reference.py",
            "initialization",
            "he",
            "--print-every",
            "500"
        );
        LessonRun ours = InitializationLesson.Train("he", InitScheme.He, printEvery: 500);
        AssertCostsAgree(reference, ours, 1e-13);
        Assert.Equal(reference.GetProperty("train_accuracy").GetDouble(), ours.TrainAccuracy);
        Assert.Equal(reference.GetProperty("test_accuracy").GetDouble(), ours.TestAccuracy);
    }

    [Fact]
    public void Gradient_check_differences_agree_with_numpy()
    {
        foreach (string run in new[] { "nd-buggy", "nd-fixed" })
        {
            double expected = PythonReference
                .Run("course_reference.py", "gradient-checking", run)
                .GetProperty("difference")
                .GetDouble();
            double ours = GradientCheckingLesson.Network(buggy: run == "nd-buggy").Difference;
            Assert.True(Math.Abs(expected - ours) <= 1e-9 * expected, $"{run}: numpy {expected:R}, ours {ours:R}");
        }
    }

    [Fact]
    public void Adam_with_scheduled_decay_agrees_with_numpy_every_100_epochs()
    {
        JsonElement reference = PythonReference.Run(
            "course_reference.py",
            "optimization",
            "adam-schedule",
            "--variant",
            "2021",
            "--epochs",
            "1500",
            "--print-every",
            "100"
        );
        var settings = OptimizationLesson.Settings.For("adam-schedule", "2021") with
        {
            Epochs = 1500,
            PrintEvery = 100,
            TimeInterval = 1000,
        };
        LessonRun ours = OptimizationLesson.Train("adam-schedule", settings);
        AssertCostsAgree(reference, ours, 1e-10);
        Assert.Equal(reference.GetProperty("train_accuracy").GetDouble(), ours.TrainAccuracy);
    }

    [Fact]
    public void Dropout_run_agrees_with_numpy()
    {
        JsonElement reference = PythonReference.Run(
            "course_reference.py",
            "regularization",
            "dropout",
            "--epochs",
            "6000",
            "--print-every",
            "1000"
        );
        LessonRun ours = RegularizationLesson.Train(
            "dropout",
            new RegularizationLesson.Settings(Iterations: 6000, PrintEvery: 1000)
        );
        AssertCostsAgree(reference, ours, 1e-12);
        Assert.Equal(reference.GetProperty("test_accuracy").GetDouble(), ours.TestAccuracy);
    }
}
