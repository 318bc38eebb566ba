using System.Text.Json.Nodes;
using TfLessons.Cli;

namespace TfLessons.Tests.Cli;

/// <summary>Panda-mode trial checkpoints are keyed by storage and study id and restored only into the trial that wrote
/// them.</summary>
public class TrialCheckpointTests
{
    private static (int Code, string Out, string Err) Panda(string db, params string[] extra) =>
        Support.Cli.Run([
            "search",
            "run",
            "--study",
            "same",
            "--storage",
            $"sqlite:///{db}",
            "--param",
            "lr=log:1e-3:1e-2",
            "--trials",
            "1",
            "--epochs",
            "200",
            .. extra,
        ]);

    [Fact]
    public void Two_studies_of_one_name_in_two_storages_keep_their_own_checkpoints()
    {
        // Given a study "same" run in storage A, when another study "same" runs in storage B,
        using var dir = new TempDir();
        var a = Panda(dir.File("a.db"));
        var b = Panda(dir.File("b.db"));
        // then each keeps its checkpoints beside its own database and B starts from scratch.
        Assert.True(a.Code == 0 && b.Code == 0, a.Err + b.Err);
        Assert.NotNull(tf.train.latest_checkpoint(dir.File("a.db.trials", "1", "trial-0")));
        Assert.NotNull(tf.train.latest_checkpoint(dir.File("b.db.trials", "1", "trial-0")));
        Assert.Contains("trial 0 epoch    100:", b.Out);
        Assert.DoesNotContain("resuming", b.Out);
        var record = JsonNode.Parse(File.ReadAllText(dir.File("b.db.trials", "1", "trial-0", "trial.json")))!;
        Assert.Equal(TrialCheckpoints.Owner($"sqlite:///{dir.File("b.db")}", 1), (string?)record["owner"]);
    }

    [Fact]
    public void A_shared_checkpoint_dir_does_not_restore_another_storages_trial()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Panda(dir.File("a.db"), "--checkpoint-dir", dir.File("ck")).Code);
        var (code, output, _) = Panda(dir.File("b.db"), "--checkpoint-dir", dir.File("ck"));
        Assert.Equal(0, code);
        Assert.Matches(@"trial 0: not restoring .*trial-0.*records owner .*a\.db.*; starting fresh", output);
        Assert.Contains("trial 0 epoch    100:", output);
    }

    [Fact]
    public void A_checkpoint_recorded_for_this_trial_is_restored()
    {
        // Given trial 0's checkpoint whose record names storage B's study 1, trial 0 and the same parameters,
        using var dir = new TempDir();
        Assert.Equal(0, Panda(dir.File("a.db"), "--checkpoint-dir", dir.File("ck")).Code);
        Rewrite(dir.File("ck", "trial-0", "trial.json"), r =>
            r["owner"] = TrialCheckpoints.Owner($"sqlite:///{dir.File("b.db")}", 1)
        );
        // when B's trial 0 runs, then it resumes from epoch 200 instead of training again.
        var (code, output, error) = Panda(dir.File("b.db"), "--checkpoint-dir", dir.File("ck"));
        Assert.True(code == 0, error);
        Assert.Contains("trial 0: resuming from", output);
        Assert.DoesNotContain("trial 0 epoch    100:", output);
        Assert.Contains("trial 0 complete", output);
    }

    [Fact]
    public void A_checkpoint_with_other_parameters_starts_the_trial_fresh_and_says_why()
    {
        using var dir = new TempDir();
        Assert.Equal(0, Panda(dir.File("a.db"), "--checkpoint-dir", dir.File("ck")).Code);
        Rewrite(dir.File("ck", "trial-0", "trial.json"), r =>
        {
            r["owner"] = TrialCheckpoints.Owner($"sqlite:///{dir.File("b.db")}", 1);
            r["params"]!["lr"] = "0.5";
        });
        var (code, output, _) = Panda(dir.File("b.db"), "--checkpoint-dir", dir.File("ck"));
        Assert.Equal(0, code);
        Assert.Matches(@"trial 0: not restoring .*records params .*0\.5.*; starting fresh", output);
        Assert.Contains("trial 0 epoch    100:", output);
    }

    private static void Rewrite(string path, Action<JsonNode> edit)
    {
        JsonNode record = JsonNode.Parse(File.ReadAllText(path))!;
        edit(record);
        File.WriteAllText(path, record.ToJsonString());
    }
}
