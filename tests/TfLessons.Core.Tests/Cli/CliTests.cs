namespace TfLessons.Tests.Cli;

/// <summary>The tfl command, given/when/then.</summary>
public class CliTests
{
    [Fact]
    public void Lesson_list_names_every_lesson_with_a_description()
    {
        var (code, output, _) = Support.Cli.Run("lesson", "list");
        Assert.Equal(0, code);
        foreach (
            string name in new[]
            {
                "w5",
                "initialization",
                "regularization",
                "gradient-checking",
                "optimization",
                "tf-tutorial",
                "batch-norm",
                "fashion-mnist",
            }
        )
            Assert.Matches($"(?m)^{name} +\\S", output);
    }

    [Fact]
    public void Graph_inspect_lists_a_tensorflow_meta_graph_and_flags_unsupported_ops()
    {
        // Given the TF 1.0 MNIST graph and the TF 1.14 Estimator graph (dataset iterators, tf.cond)
        string mnist = SharedData.Fixture("ckpt-tf1.0-saver-mnist-softmax", "model.ckpt.meta");
        var (code, output, _) = Support.Cli.Run("graph", "inspect", mnist);
        Assert.Equal(0, code);
        Assert.Contains("MetaGraphDef, 114 nodes, producer 21, written by TensorFlow 1.0.0", output);
        Assert.Matches(@"(?m)^  ApplyGradientDescent +2$", output);
        string estimator = Directory
            .GetFiles(SharedData.Fixture("ckpt-tf1.14-estimator-adam"), "*.meta")
            .Order()
            .First();
        var (estimatorCode, estimatorOutput, _) = Support.Cli.Run("graph", "inspect", estimator);
        Assert.Equal(1, estimatorCode);
        Assert.Contains("Iterator", estimatorOutput);
    }

    [Fact]
    public void W5_prints_tensorflow_digits()
    {
        var (code, output, _) = Support.Cli.Run("lesson", "run", "w5");
        Assert.Equal(0, code);
        Assert.Equal("0.0\n0.099999994\n4.9999886\n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Unknown_lesson_and_bad_option_values_are_clear_errors()
    {
        var (code, _, error) = Support.Cli.Run("lesson", "run", "nope");
        Assert.Equal(2, code);
        Assert.Contains("no lesson named 'nope'", error);
        (code, _, error) = Support.Cli.Run("lesson", "run", "initialization", "--iterations", "many");
        Assert.Equal(2, code);
        Assert.Contains("--iterations: 'many' is not an integer", error);
        (code, _, error) = Support.Cli.Run(
            "lesson",
            "run",
            "initialization",
            "--runs",
            "he,bogus",
            "--iterations",
            "10"
        );
        Assert.Contains("has no run 'bogus'", error);
    }

    [Fact]
    public void Json_output_has_the_documented_fields()
    {
        using var dir = new TempDir();
        var (code, _, _) = Support.Cli.Run(
            "lesson",
            "run",
            "gradient-checking",
            "--runs",
            "1d",
            "--json",
            dir.File("out.json")
        );
        Assert.Equal(0, code);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("out.json"))).RootElement;
        Assert.Equal("gradient-checking", json.GetProperty("lesson").GetString());
        Assert.Equal(2.919335883291695e-10, json.GetProperty("runs")[0].GetProperty("difference").GetDouble());
    }

    [Fact]
    public void Ckpt_inspect_lists_a_tensorflow_fixture()
    {
        var (code, output, _) = Support.Cli.Run(
            "ckpt",
            "inspect",
            SharedData.Fixture("ckpt-tf1.14-estimator-adam", "model.ckpt-2000")
        );
        Assert.Equal(0, code);
        Assert.Contains("tensor_name:  global_step  dtype: int64  shape: []", output);
        Assert.Contains("tensor_name:  dense/kernel/Adam  dtype: float32  shape: [2,4]", output);
        Assert.Matches(@"beta2_power  dtype: float32  shape: \[\]  min 0.135068", output);
    }

    [Fact]
    public void Ckpt_diff_finds_what_changed_between_training_steps()
    {
        var (code, output, _) = Support.Cli.Run(
            "ckpt",
            "diff",
            SharedData.Fixture("ckpt-tf1.14-estimator-adam", "model.ckpt-0"),
            SharedData.Fixture("ckpt-tf1.14-estimator-adam", "model.ckpt-1000")
        );
        Assert.Equal(1, code);
        Assert.Contains("differs: global_step", output);
        var (same, identical, _) = Support.Cli.Run(
            "ckpt",
            "diff",
            SharedData.Fixture("ckpt-tf1.11-saver-titanic", "model.ckpt"),
            SharedData.Fixture("ckpt-tf1.11-saver-titanic")
        );
        Assert.Equal(0, same);
        Assert.Contains("checkpoints are identical", identical);
    }

    [Fact]
    public void Events_prints_the_scalar_series_of_a_tensorflow_event_file()
    {
        var (code, output, _) = Support.Cli.Run("events", SharedData.Fixture("events-tf1.14-estimator-scalars"));
        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^loss: \d+ points", output);
        (code, _, string error) = Support.Cli.Run("ckpt", "inspect", "/nonexistent/model");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/model: no checkpoint here", error);
    }
}
