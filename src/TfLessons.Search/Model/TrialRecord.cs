using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// A snapshot of one stored trial (Optuna's <c>FrozenTrial</c>). Parameter values are kept in
/// Optuna's internal representation (the choice index for categoricals).
/// </summary>
public sealed record TrialRecord
{
    /// <summary>Database id (trials.trial_id).</summary>
    public int TrialId { get; init; }

    /// <summary>Trial number within the study (0-based, the order trials were created).</summary>
    public int Number { get; init; }

    /// <summary>Current state.</summary>
    public TrialState State { get; init; }

    /// <summary>Objective value (objective 0), if recorded.</summary>
    public double? Value { get; init; }

    /// <summary>When a worker started it (local time, like Optuna's datetime.now()).</summary>
    public DateTime? Start { get; init; }

    /// <summary>When it finished.</summary>
    public DateTime? Complete { get; init; }

    /// <summary>Internal parameter values by name.</summary>
    public IReadOnlyDictionary<string, double> Params { get; init; } = new Dictionary<string, double>();

    /// <summary>Stored distribution of each parameter.</summary>
    public IReadOnlyDictionary<string, Distribution> Distributions { get; init; } =
        new Dictionary<string, Distribution>();

    /// <summary>Reported intermediate values by step (NaN and infinities allowed).</summary>
    public IReadOnlyDictionary<int, double> Intermediate { get; init; } = new SortedDictionary<int, double>();

    /// <summary>User attributes (JSON values).</summary>
    public IReadOnlyDictionary<string, JsonNode?> UserAttrs { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>System attributes (JSON values), e.g. Optuna's failed_trial/retry_history.</summary>
    public IReadOnlyDictionary<string, JsonNode?> SystemAttrs { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Largest reported step, or null.</summary>
    public int? LastStep => Intermediate.Count == 0 ? null : Intermediate.Keys.Max();

    /// <summary>Wall-clock duration if finished.</summary>
    public TimeSpan? Duration => Start is { } s && Complete is { } c ? c - s : null;

    /// <summary>Number of the original trial this one retries (Optuna's "failed_trial"), or null.</summary>
    public int? RetriedFrom =>
        SystemAttrs.TryGetValue("failed_trial", out var n) && n is not null ? n.GetValue<int>() : null;

    /// <summary>External value of parameter <paramref name="name"/> (double, long or choice text).</summary>
    public object? Param(string name) =>
        Params.TryGetValue(name, out var v) && Distributions.TryGetValue(name, out var d) ? d.ToExternal(v) : null;
}

/// <summary>One row of <c>tfl search status</c>: a study and how its trials stand.</summary>
public sealed record StudySummary(
    int StudyId,
    string Name,
    StudyDirection Direction,
    IReadOnlyDictionary<TrialState, int> Counts,
    double? BestValue,
    int? BestTrialNumber
);
