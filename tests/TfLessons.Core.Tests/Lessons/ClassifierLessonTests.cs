using TfLessons.Examples;
using TfLessons.IO;
using TfLessons.Layers;

namespace TfLessons.Tests.Lessons;

public class ClassifierLessonTests
{
    [Fact]
    public void Softmax_classifier_learns_fashion_mnist_in_one_short_epoch()
    {
        FashionMnist data = FashionMnist.Load();
        var (x, y) = FashionMnistLesson.Images(data.TrainImages, data.TrainLabels, 6000);
        var (testX, testY) = FashionMnistLesson.Images(data.TestImages, data.TestLabels, 2000);
        using var model = new SoftmaxClassifier(
            784,
            10,
            [new LayerSpec(64, BatchNorm: true, KeepProb: 0.9)],
            rate => tf.train.AdamOptimizer(rate),
            _ => 2e-3
        );
        double before = model.Evaluate(testX, testY).Loss;
        var history = model.Fit(x, y, epochs: 2, batchSize: 100);
        var (after, accuracy) = model.Evaluate(testX, testY);
        Assert.True(after < before * 0.5, $"test loss went from {before} to {after}");
        Assert.True(history[1].Loss < history[0].Loss);
        Assert.InRange(accuracy, 0.75, 1.0);
        Assert.Equal(2000, model.Predict(testX).Length);
        Assert.Throws<ArgumentException>(() => model.Evaluate(testX, testY.Take(10).ToArray()));
    }

    [Fact]
    public void Tf_tutorial_cost_falls_in_its_first_epochs()
    {
        var (run, parameters) = TfTutorialLesson.Train(new TfTutorialLesson.Settings(Epochs: 6, PrintEvery: 5));
        Assert.Equal([0, 5], run.Costs.Select(c => c.Iteration));
        Assert.True(run.Costs[1].Cost < run.Costs[0].Cost, $"cost {run.Costs[0].Cost} -> {run.Costs[1].Cost}");
        Assert.InRange(run.Costs[0].Cost, 1.7, 1.95);
        Assert.Equal([25, 12288], parameters["W1"].Dims);
        Assert.Equal([6, 1], parameters["b3"].Dims);
    }
}
