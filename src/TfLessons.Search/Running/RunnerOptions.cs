namespace TfLessons.Search;

/// <summary>Worker settings.</summary>
public sealed record RunnerOptions
{
    /// <summary>How often a running trial refreshes its heartbeat row.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How old a RUNNING trial's heartbeat may get before another worker fails it; null means
    /// twice the interval, as in Optuna.
    /// </summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>Retries per failed-by-heartbeat trial (Optuna RetryFailedTrialCallback max_retry).</summary>
    public int MaxRetry { get; init; } = 1;

    /// <summary>
    /// When nothing is left to claim but other workers' trials are still running, keep polling
    /// (and failing/retrying stale ones) until they finish instead of exiting.
    /// </summary>
    public bool WaitForRunningTrials { get; init; } = true;

    /// <summary>Poll interval while waiting for other workers.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Progress lines (trial finished, stale trial failed, ...); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The effective grace period.</summary>
    public TimeSpan EffectiveGrace => GracePeriod ?? HeartbeatInterval * 2;
}

/// <summary>What one <see cref="StudyRunner"/> call did.</summary>
/// <param name="Completed">Trials finished COMPLETE by this call.</param>
/// <param name="Pruned">Trials finished PRUNED.</param>
/// <param name="Failed">Trials finished FAIL (exception or NaN).</param>
/// <param name="StaleFailed">Other workers' trials this call failed for a stale heartbeat.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record RunResult(int Completed, int Pruned, int Failed, int StaleFailed, TimeSpan Elapsed)
{
    /// <summary>Trials this call ran.</summary>
    public int Trials => Completed + Pruned + Failed;

    /// <summary>Sums two results (parallel workers).</summary>
    public static RunResult operator +(RunResult a, RunResult b) =>
        new(
            a.Completed + b.Completed,
            a.Pruned + b.Pruned,
            a.Failed + b.Failed,
            a.StaleFailed + b.StaleFailed,
            a.Elapsed > b.Elapsed ? a.Elapsed : b.Elapsed
        );
}
