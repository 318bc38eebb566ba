using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// A worker: repeatedly claims a trial (a WAITING retry first, else a new trial while fewer
/// than the requested number exist), samples its parameters, runs the objective with a live
/// heartbeat, and records the outcome. Any number of runners — threads here or processes
/// elsewhere — can share one study; the storage's transactional claim keeps each trial to one
/// worker, and before each claim a runner fails trials whose heartbeat went stale and queues
/// their retry.
/// </summary>
public sealed class StudyRunner
{
    private readonly Study _study;
    private readonly Objective _objective;
    private readonly RunnerOptions _options;

    /// <summary>Creates a runner for <paramref name="study"/>.</summary>
    public StudyRunner(Study study, Objective objective, RunnerOptions? options = null)
    {
        _study = study;
        _objective = objective;
        _options = options ?? new RunnerOptions();
        if (_options.HeartbeatInterval <= TimeSpan.Zero || _options.EffectiveGrace <= _options.HeartbeatInterval)
        {
            throw new ArgumentException(
                "heartbeat interval must be positive and shorter than the grace period",
                nameof(options)
            );
        }
    }

    /// <summary>
    /// Runs trials on this thread until the study holds <paramref name="nTrials"/> trials
    /// (retries of failed trials not counted) and, with <see cref="RunnerOptions.WaitForRunningTrials"/>,
    /// none is running anywhere.
    /// </summary>
    public RunResult Run(int nTrials, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        int completed = 0, pruned = 0, failed = 0, stale = 0;
        var storage = _study.Storage;
        while (!cancellation.IsCancellationRequested)
        {
            stale += FailStale();
            var claim = storage.ClaimTrial(_study.Id, nTrials);
            if (claim is null)
            {
                if (_options.WaitForRunningTrials && storage.CountLiveRunning(_study.Id) > 0)
                {
                    cancellation.WaitHandle.WaitOne(_options.PollInterval);
                    continue;
                }
                break;
            }
            switch (RunTrial(claim, cancellation))
            {
                case TrialState.Complete: completed++; break;
                case TrialState.Pruned: pruned++; break;
                default: failed++; break;
            }
        }
        return new RunResult(completed, pruned, failed, stale, clock.Elapsed);
    }

    /// <summary>Runs <paramref name="workers"/> concurrent <see cref="Run"/> loops on threads of this
    /// process.</summary>
    public RunResult RunParallel(int nTrials, int workers, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                return Run(nTrials, linked.Token);
            }
            catch
            {
                linked.Cancel(); // one worker's fatal storage error stops the others
                throw;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            throw e.InnerExceptions[0];
        }
        return tasks.Select(t => t.Result).Aggregate((a, b) => a + b);
    }

    private int FailStale()
    {
        var stale = _study.Storage.FailStaleTrials(_study.Id, _options.EffectiveGrace, _options.MaxRetry);
        foreach (var s in stale)
        {
            Log(
                s.RetryNumber is { } r
                    ? $"trial {s.FailedNumber} failed: heartbeat older than "
                        + $"{_options.EffectiveGrace.TotalSeconds:0.#}s; retrying it as trial {r}"
                    : $"trial {s.FailedNumber} failed: heartbeat older than "
                        + $"{_options.EffectiveGrace.TotalSeconds:0.#}s; retries used up"
            );
        }
        return stale.Count;
    }

    private TrialState RunTrial(ClaimedTrial claim, CancellationToken cancellation)
    {
        var storage = _study.Storage;
        using var heartbeat = new Heartbeat(storage, claim.TrialId, _options.HeartbeatInterval, Log);
        TrialContext? context = null;
        try
        {
            var values = Prepare(claim, cancellation);
            var specs = _study.Space.ToDictionary(p => p.Name);
            context = new TrialContext(
                _study,
                claim.TrialId,
                claim.Number,
                new TrialParams(values, specs),
                cancellation
            );
            var value = _objective(context);
            if (double.IsNaN(value))
            {
                return Finish(claim, TrialState.Fail, null, "objective returned NaN");
            }
            return Finish(claim, TrialState.Complete, value, null);
        }
        catch (TrialPrunedException)
        {
            // Optuna stores the last reported value as a pruned trial's value.
            var last =
                context?.Reported.LastOrDefault() is { Value: var v } && context.Reported.Count > 0 && !double.IsNaN(v)
                    ? v
                    : (double?)null;
            return Finish(claim, TrialState.Pruned, last, null);
        }
        catch (StorageException)
        {
            throw; // the database is gone for good: stop this worker with the storage's message
        }
        catch (Exception e)
        {
            return Finish(claim, TrialState.Fail, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    // Parameters for a claimed trial: a retry/enqueued trial keeps its stored ones and only
    // missing parameters are sampled (from this trial's number, like any other).
    private Dictionary<string, double> Prepare(ClaimedTrial claim, CancellationToken cancellation)
    {
        var values = new Dictionary<string, double>();
        if (!claim.IsNew)
        {
            var existing = _study.GetTrials().FirstOrDefault(t => t.TrialId == claim.TrialId);
            foreach (var (k, v) in existing?.Params ?? new Dictionary<string, double>())
            {
                values[k] = v;
            }
        }
        if (_study.Space.All(p => values.ContainsKey(p.Name)))
        {
            return values;
        }
        var sampled = _study.Sampler.Sample(new SamplingContext(_study, claim.Number, cancellation, () => FailStale()));
        var fresh = _study.Space.Where(p => !values.ContainsKey(p.Name)).ToList();
        foreach (var p in fresh)
        {
            values[p.Name] = sampled[p.Name];
        }
        _study.Storage.SetTrialParams(claim.TrialId, fresh.Select(p => (p.Name, values[p.Name], p.ToDistribution())));
        return values;
    }

    private TrialState Finish(ClaimedTrial claim, TrialState state, double? value, string? failReason)
    {
        if (failReason is not null)
        {
            _study.Storage.SetTrialSystemAttr(claim.TrialId, "fail_reason", JsonValue.Create(failReason));
        }
        if (!_study.Storage.FinishTrial(claim.TrialId, state, value))
        {
            Log(
                $"trial {claim.Number} was already marked failed by another "
                    + $"worker (heartbeat went stale); its result is dropped"
            );
            return TrialState.Fail;
        }
        Log(
            state switch
            {
                TrialState.Complete => string.Create(
                    CultureInfo.InvariantCulture,
                    $"trial {claim.Number} complete: value {value:G6}"
                ),
                TrialState.Pruned => $"trial {claim.Number} pruned",
                _ => $"trial {claim.Number} failed: {failReason}",
            }
        );
        return state;
    }

    private void Log(string line) => _options.Log?.Invoke(line);

    // Refreshes trial_heartbeats on a timer while the objective runs; a failed refresh is logged,
    // not fatal — the trial just risks being declared stale if the database stays away.
    private sealed class Heartbeat : IDisposable
    {
        private readonly Timer _timer;
        private int _busy;

        public Heartbeat(IStudyStorage storage, int trialId, TimeSpan interval, Action<string> log)
        {
            _timer = new Timer(_ =>
            {
                if (Interlocked.Exchange(ref _busy, 1) == 1)
                {
                    return;
                }
                try
                {
                    storage.RecordHeartbeat(trialId);
                }
                catch (Exception e)
                {
                    log($"heartbeat for trial id {trialId} failed: {e.Message}");
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                }
            }, null, interval, interval);
        }

        public void Dispose()
        {
            using var done = new ManualResetEvent(false);
            if (_timer.Dispose(done))
            {
                done.WaitOne(TimeSpan.FromSeconds(5));
            }
        }
    }
}
