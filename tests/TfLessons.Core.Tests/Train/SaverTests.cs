using System.Diagnostics;
using TfLessons.Examples;
using TfLessons.IO.Checkpoint;
using TfLessons.IO.Events;

namespace TfLessons.Tests.Train;

public class SaverTests
{
    private static (Variable W, Variable Step, Operation Train) AdamGraph()
    {
        tf.reset_default_graph();
        var w = tf.Variable(np.array(new float[,] { { 1, -2 }, { 3, 0.5f } }), name: "w");
        var step = tf.Variable(np.array(0L), name: "global_step", trainable: false);
        var train = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(tf.square(w)), global_step: step);
        return (w, step, train);
    }

    [Fact]
    public void Save_and_restore_round_trips_every_dtype_and_tensorflow_names()
    {
        using var dir = new TempDir();
        var (w, step, train) = AdamGraph();
        var d = tf.Variable(np.array(1.5, 2.5), name: "scope_d");
        var i = tf.Variable(np.array(7, 8, 9), name: "ints");
        var flag = tf.Variable(np.array(true, false), name: "flags");
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        s.run(train);
        s.run(train);
        var saver = tf.train.Saver();
        string prefix = saver.save(s, dir.File("model.ckpt"), global_step: 2);
        Assert.EndsWith("model.ckpt-2", prefix);
        using (var reader = CheckpointReader.Open(prefix))
        {
            Assert.Equal(
                new[]
                {
                    "beta1_power",
                    "beta2_power",
                    "flags",
                    "global_step",
                    "ints",
                    "scope_d",
                    "w",
                    "w/Adam",
                    "w/Adam_1",
                },
                reader.Names.Order(StringComparer.Ordinal)
            );
            Assert.Equal(TfDataType.Int64, reader.GetEntry("global_step").DType);
        }
        NDArray[] before = tf.global_variables().Select(v => s.run(v)).ToArray();
        s.run(train);
        saver.restore(s, prefix);
        Assert.Equal(before, tf.global_variables().Select(v => s.run(v)).ToArray());
        Assert.Equal(Path.GetFullPath(prefix), tf.train.latest_checkpoint(dir.Path));
    }

    [Fact]
    public void Restore_reports_every_mismatch_and_changes_nothing()
    {
        using var dir = new TempDir();
        var (w, _, _) = AdamGraph();
        using (var s = tf.Session())
        {
            s.run(tf.global_variables_initializer());
            tf.train.Saver([w]).save(s, dir.File("m"));
        }
        tf.reset_default_graph();
        var wrongShape = tf.Variable(np.zeros((3, 2), np.float32), name: "w");
        var missing = tf.Variable(np.array(1f), name: "not_saved");
        using var s2 = tf.Session();
        s2.run(tf.global_variables_initializer());
        var e = Assert.Throws<InvalidDataException>(() => tf.train.Saver().restore(s2, dir.File("m")));
        Assert.Contains("'w': checkpoint shape [2,2], variable shape [3,2]", e.Message);
        Assert.Contains("'not_saved' is not in the checkpoint", e.Message);
        Assert.Contains("nothing was restored", e.Message);
        Assert.Equal(1f, (float)s2.run(missing));
        Assert.Throws<FileNotFoundException>(() => tf.train.Saver().restore(s2, dir.File("absent")));
    }

    [Fact]
    public void Max_to_keep_deletes_old_checkpoints_and_updates_the_state_file()
    {
        using var dir = new TempDir();
        var (w, _, train) = AdamGraph();
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var saver = tf.train.Saver(max_to_keep: 2);
        for (int k = 1; k <= 4; k++) saver.save(s, dir.File("model.ckpt"), k);
        Assert.False(File.Exists(dir.File("model.ckpt-1.index")));
        Assert.False(File.Exists(dir.File("model.ckpt-2.data-00000-of-00001")));
        Assert.True(File.Exists(dir.File("model.ckpt-3.index")));
        CheckpointState state = tf.train.get_checkpoint_state(dir.Path)!;
        Assert.Equal(["model.ckpt-3", "model.ckpt-4"], state.AllModelCheckpointPaths.Select(Path.GetFileName));
        Assert.Equal(dir.File("model.ckpt-4"), state.ModelCheckpointPath);
        Assert.Contains("model_checkpoint_path: \"model.ckpt-4\"", File.ReadAllText(dir.File("checkpoint")));
    }

    [Fact]
    public void Max_to_keep_spans_runs_through_the_state_file()
    {
        using var dir = new TempDir();
        AdamGraph();
        for (int run = 0; run < 4; run++)
        {
            using var s = tf.Session();
            s.run(tf.global_variables_initializer());
            var saver = tf.train.Saver(max_to_keep: 2);
            for (int k = 1; k <= 3; k++) saver.save(s, dir.File("model.ckpt"), 10 * run + k);
        }
        Assert.Equal(
            ["model.ckpt-32.index", "model.ckpt-33.index"],
            Directory.GetFiles(dir.Path, "*.index").Select(Path.GetFileName).Order()
        );
        Assert.Equal(2, tf.train.get_checkpoint_state(dir.Path)!.AllModelCheckpointPaths.Count);
    }

    [Fact]
    public void With_max_to_keep_1_the_previous_checkpoint_goes_only_after_the_state_file_names_the_new_one()
    {
        using var dir = new TempDir();
        AdamGraph();
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var saver = tf.train.Saver(max_to_keep: 1);
        saver.save(s, dir.File("m"), 1);
        // A directory in the state file's place makes the state update fail, as a crash at that moment would stop it.
        File.Delete(dir.File("checkpoint"));
        Directory.CreateDirectory(dir.File("checkpoint"));
        Assert.ThrowsAny<IOException>(() => saver.save(s, dir.File("m"), 2));
        Assert.True(CheckpointFiles.IsComplete(dir.File("m-1")), "m-1 was deleted before a state file named m-2");
    }

    [Fact]
    public void An_interrupted_overwrite_leaves_the_previous_contents_restorable_under_the_backup()
    {
        using var dir = new TempDir();
        var (w, _, train) = AdamGraph();
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var saver = tf.train.Saver();
        string prefix = saver.save(s, dir.File("model.ckpt"));
        NDArray saved = s.run(w);
        // The moment inside the second save after the old index is gone and before the new pair is in.
        string backup = CheckpointFiles.BackupOf(prefix);
        File.Copy(CheckpointPaths.Data(prefix), CheckpointPaths.Data(backup));
        File.Copy(CheckpointPaths.Index(prefix), CheckpointPaths.Index(backup));
        File.Delete(CheckpointPaths.Index(prefix));
        Assert.Equal(backup, tf.train.latest_checkpoint(dir.Path));
        s.run(train);
        saver.restore(s, prefix);
        Assert.Equal(saved, s.run(w));
        // The next save over the prefix completes it and removes the backup.
        saver.save(s, prefix);
        Assert.Equal(prefix, tf.train.latest_checkpoint(dir.Path));
        Assert.False(File.Exists(CheckpointPaths.Index(backup)));
        Assert.False(File.Exists(CheckpointPaths.Data(backup)));
    }

    [Fact]
    public void Latest_checkpoint_falls_back_to_the_newest_complete_one_listed()
    {
        using var dir = new TempDir();
        AdamGraph();
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        var saver = tf.train.Saver();
        for (int k = 1; k <= 3; k++) saver.save(s, dir.File("model.ckpt"), k);
        File.Delete(dir.File("model.ckpt-3.data-00000-of-00001"));
        Assert.Equal(dir.File("model.ckpt-2"), tf.train.latest_checkpoint(dir.Path));
        File.Delete(dir.File("model.ckpt-2.index"));
        Assert.Equal(dir.File("model.ckpt-1"), tf.train.latest_checkpoint(dir.Path));
    }

    [Fact]
    public void A_save_sweeps_the_temporary_files_of_crashed_writers_only()
    {
        using var dir = new TempDir();
        AdamGraph();
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        string dead = dir.File("model.ckpt-1.index.tempstate999999999-42");   // a process id that no process has
        string live = dir.File($"model.ckpt-1.index.tempstate{Environment.ProcessId}-42");
        string oldTf = dir.File("checkpoint.tempstate1234567");                 // TensorFlow's form, no process id
        string newTf = dir.File("checkpoint.tempstate7654321");
        foreach (string f in new[] { dead, live, oldTf, newTf }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(oldTf, DateTime.UtcNow.AddHours(-2));
        tf.train.Saver().save(s, dir.File("model.ckpt"), 1);
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(oldTf));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(newTf));
    }

    [Fact]
    public void A_tensorflow_checkpoint_restores_into_the_same_graph()
    {
        // ckpt-tf1.2-saver-v1-v2: tf.Variable named v1 [1,2] and v2 [2,3], written by TensorFlow 1.2.
        tf.reset_default_graph();
        var v1 = tf.Variable(np.zeros((1, 2), np.float32), name: "v1");
        var v2 = tf.Variable(np.zeros((2, 3), np.float32), name: "v2");
        using var s = tf.Session();
        s.run(tf.global_variables_initializer());
        tf.train.Saver().restore(s, SharedData.Fixture("ckpt-tf1.2-saver-v1-v2", "model.ckpt"));
        using var reader = CheckpointReader.Open(SharedData.Fixture("ckpt-tf1.2-saver-v1-v2", "model.ckpt"));
        Assert.Equal(reader.ReadTensor("v1").GetFloats(), s.run(v1).ToArray<float>());
        Assert.Equal(reader.ReadTensor("v2").GetFloats(), s.run(v2).ToArray<float>());
        Assert.NotEqual(0f, s.run(v2).ToArray<float>().Select(Math.Abs).Max());
    }

    [Fact]
    public void Resumed_training_ends_bit_identical_to_an_uninterrupted_run()
    {
        using var dir = new TempDir();
        var full = OptimizationLesson.Settings.For("adam", "v1") with { Epochs = 300, PrintEvery = 100 };
        var uninterrupted = OptimizationLesson.Train("adam", full);
        OptimizationLesson.Train("adam", full with { Epochs = 140, CheckpointDir = dir.Path, SaveEvery = 70 });
        var resumed = OptimizationLesson.Train(
            "adam",
            full with
            {
                CheckpointDir = dir.Path,
                SaveEvery = 70,
                Resume = true,
            }
        );
        foreach (var (name, value) in uninterrupted.Parameters)
            Assert.Equal(value.ToArray<double>(), resumed.Parameters[name].ToArray<double>());
        Assert.Equal(uninterrupted.CostAt(200), resumed.CostAt(200));
    }

    [Fact]
    public void Killing_the_process_during_saves_leaves_a_loadable_checkpoint()
    {
        using var dir = new TempDir();
        string cli = Path.Combine(AppContext.BaseDirectory, "tfl.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (
                string a in new[]
                {
                    cli,
                    "train",
                    "--epochs",
                    "1000000",
                    "--checkpoint-dir",
                    dir.Path,
                    "--save-every",
                    "1",
                    "--print-every",
                    "100000",
                }
            )
                start.ArgumentList.Add(a);
            using Process p = Process.Start(start)!;
            var clock = Stopwatch.StartNew();
            string adam = Path.Combine(dir.Path, "adam");
            while (clock.Elapsed < TimeSpan.FromSeconds(30) && tf.train.latest_checkpoint(adam) is null)
                Thread.Sleep(20);
            Thread.Sleep(300 + attempt * 137);
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            string latest = tf.train.latest_checkpoint(adam)
                ?? throw new Xunit.Sdk.XunitException("no checkpoint was written before the kill");
            using var reader = CheckpointReader.Open(latest);
            Assert.All(reader.Names, n => reader.ReadTensor(n));
            Assert.Contains("W1/Adam", reader.Names);
        }
    }
}
