using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// The objective: trains with <see cref="TrialContext.Params"/> and returns the value to
/// minimise/maximise (e.g. dev-set error). Throw <see cref="TrialPrunedException"/> (or call
/// <see cref="TrialContext.PruneIfNeeded"/>) to stop early; any other exception or a NaN
/// result marks the trial FAIL.
/// </summary>
public delegate double Objective(TrialContext trial);

/// <summary>Thrown by an objective to stop a trial the pruner gave up on (Optuna's TrialPruned).</summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrialPrunedException() : base("trial pruned") { }
}

/// <summary>What an objective sees of its trial.</summary>
public sealed class TrialContext
{
    private readonly SortedDictionary<int, double> _reported = [];

    internal TrialContext(Study study, int trialId, int number, TrialParams parameters, CancellationToken cancellation)
    {
        Study = study;
        TrialId = trialId;
        Number = number;
        Params = parameters;
        CancellationToken = cancellation;
    }

    /// <summary>The study this trial belongs to.</summary>
    public Study Study { get; }

    /// <summary>Database id of the trial.</summary>
    public int TrialId { get; }

    /// <summary>Trial number in the study.</summary>
    public int Number { get; }

    /// <summary>The trial's hyperparameters.</summary>
    public TrialParams Params { get; }

    /// <summary>Signalled when the worker is asked to stop; long objectives should honour it.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Intermediate values reported so far.</summary>
    public IReadOnlyDictionary<int, double> Reported => _reported;

    /// <summary>Records an intermediate value (e.g. dev loss after epoch <paramref name="step"/>) in storage.</summary>
    public void Report(int step, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        _reported[step] = value;
        Study.Storage.SetIntermediate(TrialId, step, value);
    }

    /// <summary>Asks the study's pruner whether to stop now, based on what was reported.</summary>
    public bool ShouldPrune()
    {
        if (_reported.Count == 0)
        {
            return false;
        }
        var trials = Study.GetTrials();
        var me = trials.FirstOrDefault(t => t.TrialId == TrialId);
        return me is not null && Study.Pruner.ShouldPrune(Study, me, trials);
    }

    /// <summary>Throws <see cref="TrialPrunedException"/> when <see cref="ShouldPrune"/> says so.</summary>
    public void PruneIfNeeded()
    {
        if (ShouldPrune())
        {
            throw new TrialPrunedException();
        }
    }

    /// <summary>Stores a user attribute on the trial (visible to Optuna as trial.user_attrs).</summary>
    public void SetUserAttr(string key, JsonNode? value) => Study.Storage.SetTrialUserAttr(TrialId, key, value);
}
