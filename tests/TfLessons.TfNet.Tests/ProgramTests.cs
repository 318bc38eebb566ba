using System.Diagnostics;
using System.Text.Json;
using TfNetPrograms;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TfLessons.TfNet.Tests;

/// <summary>Runs each TensorFlow.NET-style program, captures what it prints and checks it.</summary>
public class ProgramTests
{
    private static string Capture(Action program)
    {
        TextWriter previous = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            tf.reset_default_graph();
            program();
        }
        finally
        {
            Console.SetOut(previous);
        }
        return output.ToString().Replace("\r\n", "\n");
    }

    [Fact]
    public void Hello_world_prints_the_tensor_then_its_bytes()
    {
        Assert.Equal("Tensor(\"Const:0\", shape=(), dtype=string)\nb'Hello, TensorFlow!'\n", Capture(HelloWorld.Run));
    }

    [Fact]
    public void Basic_operations_print_what_tensorflow_prints()
    {
        string output = Capture(BasicOperations.Run);
        Assert.Equal("""
            a=2, b=3
            Addition with constants: 5
            Multiplication with constants: 6
            Addition with variables: 5
            Multiplication with variables: 6
            [[12.]]

            """, output);
    }

    [Fact]
    public void Linear_regression_matches_the_same_descent_in_numpy()
    {
        (float w, float b, float cost) = (0, 0, 0);
        Capture(() => (w, b, cost) = LinearRegression.Run(training_epochs: 100));
        // The same per-example descent in float32 NumPy (Reference/linear_regression.py).
        JsonElement reference = Python("linear_regression.py");
        Assert.Equal(reference.GetProperty("W").GetDouble(), w, 4);
        Assert.Equal(reference.GetProperty("b").GetDouble(), b, 4);
        Assert.Equal(reference.GetProperty("cost").GetDouble(), cost, 4);
    }

    [Fact]
    public void Xor_net_reaches_the_loss_its_tensorflow_original_asserts()
    {
        float loss = 1;
        string output = Capture(() => loss = NeuralNetXor.Run());
        Assert.StartsWith("Step 1 loss: ", output);
        Assert.Contains("Step 10000 loss: ", output);
        Assert.True(loss < 0.0628f, $"final loss {loss}");
    }

    [Fact]
    public void Logistic_regression_on_fashion_mnist_learns()
    {
        var (trainX, trainY, testX, testY) = FashionData.Load(10000, 2000);
        float accuracy = 0;
        string output = Capture(() => accuracy = LogisticRegression.Run(trainX, trainY, testX, testY));
        Assert.Contains("Epoch: 0005 Cost: ", output);
        Assert.True(accuracy > 0.75f, $"accuracy {accuracy}");
    }

    [Fact]
    public void Nearest_neighbour_on_fashion_mnist_classifies()
    {
        var (trainX, trainY, testX, testY) = FashionData.Load(2000, 100);
        float accuracy = 0;
        string output = Capture(() => accuracy = NearestNeighbor.Run(trainX, trainY, testX, testY));
        Assert.Contains("Test 0 Prediction: ", output);
        Assert.True(accuracy > 0.65f, $"accuracy {accuracy}");
    }

    [Fact]
    public void Hidden_layer_net_separates_the_moons()
    {
        var (x, y) = FashionData.Moons(400);
        float accuracy = 0;
        string output = Capture(() => accuracy = HiddenLayerNet.Run(x, y));
        Assert.Contains("step 2000: loss ", output);
        Assert.True(accuracy > 0.95f, $"accuracy {accuracy}");
    }

    [Fact]
    public void Smaller_tensorflow_net_names_compile_and_agree()
    {
        float value = 0;
        string output = Capture(() => value = GraphApiDetails.Run());
        // np.random.seed(1); randn(3) is NumPy's [1.62434536, -0.61175641, -0.52817175]; w is TF's seeded truncated
        // normal.
        Assert.StartsWith("y = ", output);
        Assert.True(Math.Abs(value) < 1, $"y {value}");
        Assert.Equal(new[] { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557 }, FirstRandn());
    }

    [Fact]
    public void Mnist_net_from_the_loader_learns_fashion_mnist()
    {
        string dir = TfLessons.IO.FashionMnist.FindDirectory()
            ?? throw new InvalidOperationException("Fashion-MNIST is not installed");
        (float loss, float accuracy) = (0, 0);
        np.random.seed(1);
        string output = Capture(() => (loss, accuracy) = MnistSoftmaxNet.Run(dir, trainSize: 6000, epochs: 3));
        Assert.Contains("Epoch: 3, validation loss: ", output);
        Assert.Contains("Test loss: ", output);
        Assert.True(accuracy > 0.7f, $"accuracy {accuracy}");
        Assert.True(loss < 0.9f, $"loss {loss}");
    }

    [Fact]
    public void Naive_bayes_posteriors_match_numpy()
    {
        np.random.seed(5);
        var y = np.array(Enumerable.Range(0, 60).Select(i => i / 20).ToArray());
        var X = (
            np.random.randn(60, 2) * 0.5
            + np.stack(new[] { y.astype(np.float64), y.astype(np.float64) * -1.0 }, axis: 1)
        ).astype(np.float32);
        var samples = GaussianNaiveBayes.Grid(X, 7);
        NDArray posterior = null!;
        string output = Capture(() => posterior = GaussianNaiveBayes.Run(X, y, samples));
        Assert.StartsWith("classes [0 1 2], first posterior [", output);

        string dir = Directory.CreateTempSubdirectory("tfl-nb-").FullName;
        np.save(Path.Combine(dir, "X.npy"), X);
        np.save(Path.Combine(dir, "y.npy"), y);
        np.save(Path.Combine(dir, "samples.npy"), samples);
        JsonElement reference = Python("naive_bayes.py", dir);
        double[][] expected = reference
            .GetProperty("posterior")
            .EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .ToArray();
        Assert.Equal(new[] { 49, 3 }, posterior.Dims);
        for (int i = 0; i < 49; i++)
        {
            // float32 arithmetic against float64: agreement to 1e-5 absolute.
            for (int c = 0; c < 3; c++) Assert.InRange(posterior.GetDouble(i, c) - expected[i][c], -1e-5, 1e-5);
        }
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_frozen_graph_predicts_what_the_trained_one_did_and_holds_no_variables()
    {
        string dir = Directory.CreateTempSubdirectory("tfl-freeze-").FullName;
        var batch = np.array(new float[,] { { 1, 2, 3, 4 }, { -1, 0.5f, 0, 2 } });
        (NDArray before, NDArray after, string[] types) = (null!, null!, []);
        Capture(() => (before, after, types) = FrozenGraphRoundTrip.Run(dir, batch));
        Assert.Equal(before.ToArray<float>(), after.ToArray<float>());
        Assert.DoesNotContain("VariableV2", types);
        Assert.DoesNotContain(types, t =>
            t.StartsWith("Save", StringComparison.Ordinal) || t.StartsWith("Restore", StringComparison.Ordinal)
        );
        Assert.Contains("Softmax", types);
        Directory.Delete(dir, recursive: true);
    }

    private static double[] FirstRandn()
    {
        np.random.seed(1);
        return np.random.randn(3).ToArray<double>();
    }

    private static JsonElement Python(string script, params string[] args)
    {
        var start = new ProcessStartInfo(
            "/usr/bin/python3",
            [Path.Combine(AppContext.BaseDirectory, "Reference", script), .. args]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(start)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{script} failed: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }
}
