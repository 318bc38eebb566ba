using TfLessons.Cli;

namespace TfLessons.Tests.Lessons;

/// <summary>The week 3 lessons end to end, at their default settings, against the acceptance numbers.</summary>
public class FullLessonTests
{
    [Fact]
    public void Fashion_mnist_reaches_089_test_accuracy()
    {
        var output = new StringWriter();
        int code = CommandRouter.Run(["lesson", "run", "fashion-mnist", "--quiet"], output, new StringWriter());
        Assert.Equal(0, code);
        string last = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        double accuracy = double.Parse(
            last["Test accuracy: ".Length..],
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(accuracy >= 0.89, output.ToString());
    }

    [Fact]
    public void Tf_tutorial_on_the_stand_in_training_set_fits_and_generalizes()
    {
        var (run, _) = Examples.TfTutorialLesson.Train(new Examples.TfTutorialLesson.Settings());
        Assert.True(run.TrainAccuracy >= 0.99, $"train accuracy {run.TrainAccuracy}");
        Assert.True(run.TestAccuracy >= 0.65, $"test accuracy {run.TestAccuracy}");
        Assert.True(run.Costs[^1].Cost < 0.1 * run.Costs[0].Cost, $"cost {run.Costs[0].Cost} -> {run.Costs[^1].Cost}");
    }
}
