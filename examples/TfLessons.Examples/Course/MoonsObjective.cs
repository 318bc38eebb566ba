using TfLessons.Course;
using TfLessons.Data;
using TfLessons.Layers;
using TfLessons.Random;
using TfLessons.Search;
using TfLessons.Train;

namespace TfLessons.Examples.Course;

/// <summary>
/// The optimization lesson's model as a search objective: [2, hidden, 2, 1] on make_moons (seed 3) trained with
/// mini-batches, scored by the cross-entropy on a held-out make_moons draw (seed 4). Parameters it reads when the
/// space has them: lr, beta (momentum's beta or Adam's beta1), beta2, hidden, batch; the rest keep the lesson's values.
/// </summary>
public sealed class MoonsObjective(string optimizer = "adam", int epochs = 1000, int reportEvery = 100)
{
    /// <summary>Panda mode: checkpoint each trial every report under CheckpointDir/trial-N, so a retried trial
    /// resumes.</summary>
    public string? CheckpointDir { get; init; }

    /// <summary>
    /// The storage and study the checkpoints belong to, recorded with the trial's number and parameters in
    /// trial-N/trial.json: a checkpoint is restored only into the trial that wrote it (or its retry).
    /// </summary>
    public string CheckpointOwner { get; init; } = "";

    /// <summary>Notices such as "the checkpoint there belongs to another study; starting fresh".</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Called after each report with the trial's curve so far (panda mode draws it in the terminal).</summary>
    public Action<TrialContext, IReadOnlyList<(int Epoch, double Cost)>>? OnReport { get; init; }

    public static readonly string[] Parameters = ["lr", "beta", "beta2", "hidden", "batch"];

    private const int MaxHidden = 10_000;

    public string Optimizer { get; } =
        optimizer is "adam" or "momentum" or "gd"
            ? optimizer
            : throw new ArgumentException(
                $"objective optimization:{optimizer}: the optimizer must be adam, momentum or gd"
            );

    /// <summary>Parses "optimization" or "optimization:RUN" (RUN = adam, momentum or gd).</summary>
    public static MoonsObjective Parse(string spec, int epochs)
    {
        string[] parts = spec.Split(':', 2);
        if (parts[0] is not ("optimization" or "moons"))
            throw new ArgumentException(
                $"--objective: unknown objective '{spec}' (use optimization[:adam|momentum|gd])"
            );
        return new MoonsObjective(parts.Length > 1 ? parts[1] : "adam", epochs);
    }

    /// <summary>Fails before any trial starts when the space names a parameter this objective does not use.</summary>
    public void Check(SearchSpace space)
    {
        foreach (ParamSpec p in space)
        {
            if (!Parameters.Contains(p.Name))
                throw new ArgumentException(
                    $"objective optimization does not use parameter "
                        + $"'{p.Name}' (it reads {string.Join(", ", Parameters)})"
                );
            if (p.Kind == ParamKind.Categorical)
                continue;
            // Internal values are the natural ones for numeric kinds (ToExternal's int cast would wrap past 2^31).
            double a = p.FromCoord(p.CoordLow), b = p.FromCoord(p.CoordHigh);
            var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
            // Bounds that make sense for a [2, hidden, 2, 1] network on 300 examples; past them a trial would try to
            // allocate gigabytes (or overflow a dimension) instead of failing before the study starts.
            var (min, max, what) = p.Name switch
            {
                "hidden" => (1.0, MaxHidden, $"1 to {MaxHidden} units"),
                "batch" => (1, 300, "1 to 300 (the training set's size)"),
                "lr" => (double.Epsilon, 1e6, "a positive learning rate"),
                _ => (0, 1 - 1e-12, "[0, 1)"),
            };
            if (lo < min || hi > max)
                throw new ArgumentException(
                    $"parameter '{p.Name}' ranges over [{lo:G6}, {hi:G6}]; objective optimization needs {what}"
                );
        }
    }

    public double Evaluate(TrialContext trial)
    {
        TrialParams p = trial.Params;
        double lr = p.Contains("lr") ? p.Float("lr") : 0.0007;
        double beta = p.Contains("beta") ? p.Float("beta") : 0.9;
        double beta2 = p.Contains("beta2") ? p.Float("beta2") : 0.999;
        int hidden = p.Contains("hidden") ? p.Int("hidden") : 5;
        int batch = p.Contains("batch") ? p.Int("batch") : 64;
        var (x, y) = CourseData.Moons();
        var (_, validationX, validationY) = Validation.Value;
        tf.reset_default_graph();
        var (w0, b0) = CourseInit.Parameters([2, hidden, 2, 1], InitScheme.He);
        var model = CourseMlp.Build(w0, b0, new CourseMlpOptions());
        Optimizer opt = Optimizer switch
        {
            "gd" => tf.train.GradientDescentOptimizer(lr),
            "momentum" => new CourseMomentumOptimizer(lr, beta),
            _ => new CourseAdamOptimizer(lr, beta, beta2, 1e-8),
        };
        var epochVar = tf.Variable(np.array(-1L), name: "epoch", trainable: false);
        var train = opt.minimize(model.Loss);
        var setEpoch = tf.placeholder(tf.int64, Shape.Scalar, "set_epoch");
        var recordEpoch = epochVar.assign(setEpoch);
        using var session = tf.Session();
        session.run(tf.global_variables_initializer());
        var rng = new RandomState(0);
        var feeds = new FeedDict();
        var validationFeeds = model.EvalFeeds(validationX, validationY);
        double validationCost = double.NaN;
        var curve = new List<(int, double)>();
        // A retried trial (its worker died) continues from the checkpoint of the trial it retries.
        TrialRecord record = trial.Study.GetTrials().First(t => t.Number == trial.Number);
        int writer = record.RetriedFrom ?? trial.Number;
        string? checkpoints = CheckpointDir is null ? null : Path.Combine(CheckpointDir, $"trial-{writer}");
        var saver = checkpoints is null ? null : tf.train.Saver(max_to_keep: 2);
        int start = 0;
        if (checkpoints is not null)
        {
            var identity = TrialCheckpointIdentity.Of(CheckpointOwner, trial.Study.Name, writer, record.Params);
            if (tf.train.latest_checkpoint(checkpoints) is string latest)
            {
                if (TrialCheckpointIdentity.Mismatch(checkpoints, identity) is string why)
                {
                    Log?.Invoke($"trial {trial.Number}: not restoring {latest}: {why}; starting fresh");
                    TrialCheckpointIdentity.Clear(checkpoints);
                }
                else
                {
                    saver!.restore(session, latest);
                    start = (int)(long)session.run(epochVar) + 1;
                    Log?.Invoke($"trial {trial.Number}: resuming from {latest} (epoch {start})");
                }
            }
            TrialCheckpointIdentity.Write(checkpoints, identity);
        }
        for (int epoch = start; epoch < epochs; epoch++)
        {
            foreach (int[] b in MiniBatches.RandomMiniBatchIndices(300, batch, rng, 11 + epoch))
            {
                feeds[model.X] = CourseData.TakeColumns(x, b);
                feeds[model.Y] = CourseData.TakeColumns(y, b);
                session.run(train, feeds);
            }
            if ((epoch + 1) % reportEvery != 0 && epoch != epochs - 1) continue;
            validationCost = (double)session.run(model.Cost, validationFeeds);
            if (!double.IsFinite(validationCost)) return double.NaN;
            trial.Report(epoch + 1, validationCost);
            curve.Add((epoch + 1, validationCost));
            OnReport?.Invoke(trial, curve);
            if (saver is not null)
            {
                session.run(recordEpoch, (setEpoch, np.array((long)epoch)));
                saver.save(session, Path.Combine(checkpoints!, "model.ckpt"), epoch + 1);
            }
            trial.PruneIfNeeded();
        }
        // A trial restored from its final checkpoint has no epoch left to run: score what was restored.
        if (start >= epochs)
            validationCost = (double)session.run(model.Cost, validationFeeds);
        trial.SetUserAttr(
            "validation_accuracy",
            System.Text.Json.Nodes.JsonValue.Create(model.Accuracy(session, validationX, validationY))
        );
        return validationCost;
    }

    private static readonly Lazy<(bool, NDArray X, NDArray Y)> Validation = new(() =>
    {
        var (vx, vy) = ToyDatasets.MakeMoons(300, 0.2, new RandomState(4));
        return (true, np.transpose(np.array(vx, 300, 2)), np.array(vy.Select(v => (double)v).ToArray(), 1, 300));
    });
}
