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
        // np.random.seed(1); randn(3) is NumPy's [1.62434536, -0.61175641, -0.52817175]; w is TF's seeded truncated normal.
        Assert.StartsWith("y = ", output);
        Assert.True(Math.Abs(value) < 1, $"y {value}");
        Assert.Equal(new[] { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557 }, FirstRandn());
    }

    private static double[] FirstRandn()
    {
        np.random.seed(1);
        return np.random.randn(3).ToArray<double>();
    }

    private static JsonElement Python(string script)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "Reference", script))
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
