using TfLessons.IO.Checkpoint;

namespace TfLessons.Tests.Cli;

/// <summary>Bad input to tfl: exit code 2 and one line naming the option, file, study or tensor; never a stack
/// trace.</summary>
public class CliErrorTests
{
    private static void AssertOneLineError((int Code, string Out, string Err) result, string expected)
    {
        Assert.Equal(2, result.Code);
        string[] lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{result.Err}");
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void A_misspelt_option_is_an_error_that_suggests_the_right_one()
    {
        // Given a search run with --trails for --trials, when it runs, then nothing starts and the option is named.
        using var dir = new TempDir();
        var result = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "s",
            "--storage",
            $"sqlite:///{dir.File("s.db")}",
            "--param",
            "lr=log:1e-3:1e-1",
            "--trails",
            "1"
        );
        AssertOneLineError(result, "tfl search run: unknown option '--trails' (did you mean --trials?)");
        Assert.False(File.Exists(dir.File("s.db")));
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "w5", "--stpes", "3"),
            "tfl lesson run w5: unknown option '--stpes' (did you mean --steps?)"
        );
    }

    [Fact]
    public void An_option_without_its_value_is_an_error_not_its_default()
    {
        AssertOneLineError(Support.Cli.Run("lesson", "run", "w5", "--steps"), "'--steps'");
        AssertOneLineError(
            Support.Cli.Run("search", "status", "--study", "--storage", "sqlite:///x.db"),
            "--study: missing value (the next argument is the option '--storage')"
        );
        AssertOneLineError(
            Support.Cli.Run("search", "run", "--study", "s", "--param", "--trials", "2"),
            "--param: missing value"
        );
    }

    [Fact]
    public void A_flag_given_a_value_is_an_error()
    {
        AssertOneLineError(Support.Cli.Run("lesson", "run", "w5", "--compare", "false"), "unexpected argument 'false'");
    }

    [Fact]
    public void Meaningless_numbers_are_errors_naming_the_option_and_value()
    {
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "w5", "--learning-rate", "nan"),
            "--learning-rate: 'nan' is not a finite number"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "initialization", "--iterations", "-5"),
            "--iterations: '-5' must be a positive integer"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "initialization", "--iterations", "0"),
            "--iterations: '0' must be a positive integer"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "regularization", "--keep-prob", "1.5"),
            "--keep-prob: '1.5' must be in (0, 1]"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "optimization", "--variant", "v3"),
            "--variant: 'v3' is not one of v1, 2021"
        );
    }

    [Fact]
    public void A_number_past_int32_is_an_error_not_an_overflow()
    {
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "initialization", "--iterations", "2147483648"),
            "--iterations: '2147483648' is out of range"
        );
        AssertOneLineError(
            Support.Cli.Run("search", "run", "--study", "s", "--trials", "99999999999"),
            "--trials: '99999999999' is out of range"
        );
    }

    [Fact]
    public void Seed_zero_the_default_is_accepted_and_search_output_reaches_the_writer()
    {
        using var dir = new TempDir();
        var (code, output, error) = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "z",
            "--storage",
            $"sqlite:///{dir.File("z.db")}",
            "--param",
            "lr=log:1e-3:1e-1",
            "--trials",
            "1",
            "--epochs",
            "100",
            "--seed",
            "0"
        );
        Assert.True(code == 0, error);
        Assert.Contains("study z: 1 trials", output);
        Assert.Contains("best 1 trials", output); // the results table, drawn into the writer the caller passed
    }

    [Fact]
    public void Bad_sampler_pruner_and_space_are_errors_naming_the_option()
    {
        using var dir = new TempDir();
        string[] common =
        [
            "search",
            "run",
            "--study",
            "s",
            "--storage",
            $"sqlite:///{dir.File("s.db")}",
            "--param",
            "lr=log:1e-3:1e-1",
            "--trials",
            "1",
        ];
        AssertOneLineError(Support.Cli.Run([.. common, "--sampler", "foo"]), "--sampler: unknown sampler 'foo'");
        AssertOneLineError(
            Support.Cli.Run([.. common, "--pruner", "median:x"]),
            "--pruner: pruner 'median:x': 'x' is not an integer"
        );
        File.WriteAllText(dir.File("space.json"), "lr = log 1e-3 1e-1");
        AssertOneLineError(
            Support.Cli.Run(
                "search",
                "run",
                "--study",
                "s",
                "--storage",
                $"sqlite:///{dir.File("s.db")}",
                "--space",
                dir.File("space.json")
            ),
            $"--space {dir.File("space.json")}: search space JSON is not valid JSON"
        );
    }

    [Fact]
    public void Status_of_a_missing_study_names_the_study_and_the_storage()
    {
        using var dir = new TempDir();
        string url = $"sqlite:///{dir.File("s.db")}";
        AssertOneLineError(
            Support.Cli.Run("search", "status", "--study", "nosuch", "--storage", url),
            $"no study named 'nosuch' in {url}"
        );
        Assert.False(File.Exists(dir.File("s.db"))); // reading a study never creates a storage
        Assert.Equal(
            0,
            Support
                .Cli.Run(
                    "search",
                    "run",
                    "--study",
                    "real",
                    "--storage",
                    url,
                    "--param",
                    "lr=log:1e-3:1e-1",
                    "--trials",
                    "1",
                    "--epochs",
                    "100"
                )
                .Code
        );
        AssertOneLineError(
            Support.Cli.Run("search", "status", "--study", "nosuch", "--storage", url),
            "no study named 'nosuch' in"
        );
    }

    [Fact]
    public void A_big_endian_checkpoint_is_reported_with_its_file()
    {
        using var dir = new TempDir();
        string prefix = dir.File("model.ckpt");
        var entries = CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("w", [2], [1f, 2f])]);
        File.WriteAllBytes(
            CheckpointPaths.Index(prefix),
            CheckpointWriter.BuildIndex(entries, CheckpointHeader.Default with { IsBigEndian = true })
        );
        AssertOneLineError(Support.Cli.Run("ckpt", "inspect", prefix), "big-endian");
        Assert.Contains(prefix, Support.Cli.Run("ckpt", "inspect", prefix).Err);
    }

    [Fact]
    public void A_tensor_over_two_gigabytes_is_reported_with_its_name()
    {
        using var dir = new TempDir();
        string prefix = dir.File("model.ckpt");
        var entries = CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("w", [2], [1f, 2f])]);
        // A sparse data file long enough for the index entry, so the reader gets as far as the size check.
        long size = 3L << 30;
        using (var data = File.OpenWrite(CheckpointPaths.Data(prefix, 0, 1))) data.SetLength(size + 8);
        CheckpointEntry huge = entries[0] with { Name = "huge", Shape = [size / 4], Offset = 8, Size = size };
        File.WriteAllBytes(CheckpointPaths.Index(prefix), CheckpointWriter.BuildIndex([.. entries, huge]));
        AssertOneLineError(Support.Cli.Run("ckpt", "inspect", prefix), "tensor 'huge'");
    }

    [Fact]
    public void A_dimension_past_int32_is_reported_with_the_tensor_and_shape()
    {
        using var dir = new TempDir();
        string prefix = dir.File("model.ckpt");
        CheckpointWriter.Write(prefix, [CheckpointTensor.FromFloats("wide", [1L << 31, 0], [])]);
        AssertOneLineError(
            Support.Cli.Run("ckpt", "inspect", prefix, "--values"),
            "tensor 'wide' (shape [2147483648,0])"
        );
    }

    [Fact]
    public void An_unwritable_checkpoint_dir_fails_before_training()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("file"), "");
        var result = Support.Cli.Run(
            "lesson",
            "run",
            "optimization",
            "--runs",
            "adam",
            "--epochs",
            "5",
            "--checkpoint-dir",
            dir.File("file", "ck")
        );
        AssertOneLineError(result, $"--checkpoint-dir: cannot write to directory '{dir.File("file", "ck")}'");
        Assert.Equal("", result.Out); // no run started
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "tf-tutorial", "--epochs", "1", "--save-model", dir.File("file", "m")),
            "--save-model: cannot write to directory"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "w5", "--logdir", dir.File("file", "logs")),
            "--logdir: cannot write to directory"
        );
        AssertOneLineError(
            Support.Cli.Run("lesson", "run", "w5", "--json", dir.File("file", "out.json")),
            "--json: cannot write to directory"
        );
    }

    [Fact]
    public void A_hidden_width_past_int32_is_an_error_before_any_trial()
    {
        using var dir = new TempDir();
        var result = Support.Cli.Run(
            "search",
            "run",
            "--study",
            "h",
            "--storage",
            $"sqlite:///{dir.File("h.db")}",
            "--param",
            "hidden=int:1:3000000000",
            "--trials",
            "1"
        );
        AssertOneLineError(
            result,
            "parameter 'hidden' ranges over [1, 3E+09]; objective optimization needs 1 to 10000 units"
        );
        Assert.False(File.Exists(dir.File("h.db")));
    }

    [Fact]
    public void Checkpoint_dir_with_worker_processes_is_an_error()
    {
        using var dir = new TempDir();
        AssertOneLineError(
            Support.Cli.Run(
                "search",
                "run",
                "--study",
                "w",
                "--storage",
                $"sqlite:///{dir.File("w.db")}",
                "--param",
                "lr=log:1e-3:1e-1",
                "--workers",
                "2",
                "--checkpoint-dir",
                dir.File("ck")
            ),
            "--checkpoint-dir: only panda mode (--workers 1) keeps trial checkpoints"
        );
    }

    [Fact]
    public void A_missing_input_file_is_named_before_the_lesson_starts()
    {
        var result = Support.Cli.Run("lesson", "run", "tf-tutorial", "--data", "/nonexistent/train.h5");
        AssertOneLineError(result, "--data: no such file or directory '/nonexistent/train.h5'");
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Every_command_and_lesson_has_help()
    {
        string[][] commands =
        [
            [],
            ["lesson"],
            ["lesson", "list"],
            ["lesson", "run"],
            ["train"],
            ["eval"],
            ["ckpt"],
            ["ckpt", "inspect"],
            ["ckpt", "diff"],
            ["events"],
            ["search"],
            ["search", "run"],
            ["search", "worker"],
            ["search", "status"],
            ["search", "report"],
            .. Examples.LessonCatalog.All.Select(l => new[] { "lesson", "run", l.Name }),
        ];
        foreach (string[] command in commands)
        {
            var (code, output, error) = Support.Cli.Run([.. command, "--help"]);
            Assert.True(code == 0, $"{string.Join(' ', command)} --help: {error}");
            Assert.Contains("Usage:", output);
        }
        Assert.Contains("--mini-batch-size <N>", Support.Cli.Run("lesson", "run", "optimization", "--help").Out);
    }
}
