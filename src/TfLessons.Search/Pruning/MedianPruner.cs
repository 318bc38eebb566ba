using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// Optuna's MedianPruner (its PercentilePruner at 50): once <see cref="StartupTrials"/> trials
/// have completed, at a step s ≥ <see cref="WarmupSteps"/> (on the interval grid) the trial is
/// pruned if its best intermediate value so far is worse than the median of the completed
/// trials' values at step s. A NaN best value prunes; steps no completed trial reported never prune.
/// </summary>
public sealed class MedianPruner : IPruner
{
    /// <summary>Creates the pruner with Optuna's parameter meanings.</summary>
    public MedianPruner(int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startupTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSteps, 1);
        StartupTrials = startupTrials;
        WarmupSteps = warmupSteps;
        IntervalSteps = intervalSteps;
    }

    /// <summary>Completed trials needed before pruning starts (Optuna n_startup_trials).</summary>
    public int StartupTrials { get; }

    /// <summary>Steps before pruning starts within a trial (Optuna n_warmup_steps).</summary>
    public int WarmupSteps { get; }

    /// <summary>Check every this many steps after warm-up (Optuna interval_steps).</summary>
    public int IntervalSteps { get; }

    /// <inheritdoc/>
    public bool ShouldPrune(Study study, TrialRecord trial, IReadOnlyList<TrialRecord> trials)
    {
        var completed = trials.Where(t => t.State == TrialState.Complete).ToList();
        if (
            completed.Count == 0
            || completed.Count < StartupTrials
            || trial.LastStep is not { } step
            || step < WarmupSteps
        )
        {
            return false;
        }
        if (!IsFirstInInterval(step, trial.Intermediate.Keys))
        {
            return false;
        }
        var own = trial.Intermediate.Values.Where(v => !double.IsNaN(v)).ToList();
        if (own.Count == 0)
        {
            return true;
        }
        var minimize = study.Direction == StudyDirection.Minimize;
        var best = minimize ? own.Min() : own.Max();
        var atStep = completed
            .Where(t => t.Intermediate.ContainsKey(step))
            .Select(t => t.Intermediate[step])
            .Where(v => !double.IsNaN(v))
            .Order()
            .ToList();
        if (atStep.Count == 0)
        {
            return false;
        }
        var median = Median(atStep);
        return minimize ? best > median : best < median;
    }

    /// <inheritdoc/>
    public JsonObject Describe() => new()
    {
        ["name"] = "median",
        ["n_startup_trials"] = StartupTrials,
        ["n_warmup_steps"] = WarmupSteps,
        ["interval_steps"] = IntervalSteps,
    };

    // Linear-interpolated 50th percentile, as numpy.nanpercentile computes it.
    private static double Median(List<double> sorted) => sorted.Count % 2 == 1
        ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    // Only judge the first report at or after each interval boundary, so a trial reporting every
    // step is not re-judged in between (Optuna's _is_first_in_interval_step).
    private bool IsFirstInInterval(int step, IEnumerable<int> steps)
    {
        var nearestLower = (step - WarmupSteps) / IntervalSteps * IntervalSteps + WarmupSteps;
        var secondLast = steps.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return secondLast < nearestLower;
    }
}
