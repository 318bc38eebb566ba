using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>A trial a worker now owns: either a freshly created one or a claimed WAITING one.</summary>
/// <param name="TrialId">Database id.</param>
/// <param name="Number">Trial number within the study.</param>
/// <param name="IsNew">True when created by this claim (no parameters yet).</param>
public sealed record ClaimedTrial(int TrialId, int Number, bool IsNew);

/// <summary>A RUNNING trial whose heartbeat went stale and was marked FAIL.</summary>
/// <param name="FailedNumber">Number of the failed trial.</param>
/// <param name="RetryNumber">Number of the WAITING retry enqueued for it, or null when retries were used up.</param>
public sealed record StaleTrial(int FailedNumber, int? RetryNumber);

/// <summary>Contents of a trial to enqueue in WAITING state (Optuna's <c>add_trial</c> template).</summary>
public sealed record TrialTemplate
{
    /// <summary>Fixed parameters: internal value and distribution.</summary>
    public IReadOnlyDictionary<string, (double Value, Distribution Dist)> Params { get; init; } =
        new Dictionary<string, (double, Distribution)>();

    /// <summary>User attributes to copy.</summary>
    public IReadOnlyDictionary<string, JsonNode?> UserAttrs { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>System attributes to set (e.g. failed_trial, retry_history).</summary>
    public IReadOnlyDictionary<string, JsonNode?> SystemAttrs { get; init; } = new Dictionary<string, JsonNode?>();
}

/// <summary>
/// Study storage in Optuna's RDB schema (v12 / alembic v3.0.0.d). Every method is one
/// transaction, retried on transient errors (SQLITE_BUSY, dropped connections, database restarts)
/// within <see cref="StorageOptions.RetryWindow"/>; it is safe to share one instance between threads.
/// Open one with <see cref="StudyStorage.Open"/>.
/// </summary>
public interface IStudyStorage : IDisposable
{
    /// <summary>The URL with any password removed, for messages.</summary>
    string Describe { get; }

    /// <summary>Creates a study; throws <see cref="StudyExistsException"/> if the name is taken.</summary>
    int CreateStudy(string name, StudyDirection direction, IReadOnlyDictionary<string, JsonNode?> systemAttrs);

    /// <summary>Study id for a name, or null.</summary>
    int? FindStudy(string name);

    /// <summary>All studies, by id.</summary>
    IReadOnlyList<(int Id, string Name)> ListStudies();

    /// <summary>Direction of objective 0.</summary>
    StudyDirection GetDirection(int studyId);

    /// <summary>Study system attributes.</summary>
    IReadOnlyDictionary<string, JsonNode?> GetStudySystemAttrs(int studyId);

    /// <summary>Study user attributes.</summary>
    IReadOnlyDictionary<string, JsonNode?> GetStudyUserAttrs(int studyId);

    /// <summary>Sets a study user attribute.</summary>
    void SetStudyUserAttr(int studyId, string key, JsonNode? value);

    /// <summary>Stores a study system attribute unless one exists; returns the stored value (first writer
    /// wins).</summary>
    JsonNode? SetStudySystemAttrIfAbsent(int studyId, string key, JsonNode? value);

    /// <summary>
    /// In one transaction: claims the oldest WAITING trial, or creates a RUNNING trial numbered
    /// next if fewer than <paramref name="maxTrials"/> non-retry trials exist; records its first
    /// heartbeat. Null when there is nothing left to do.
    /// </summary>
    ClaimedTrial? ClaimTrial(int studyId, int maxTrials);

    /// <summary>Stores parameters (Optuna internal values) of a RUNNING trial.</summary>
    void SetTrialParams(int trialId, IEnumerable<(string Name, double Value, Distribution Dist)> values);

    /// <summary>Stores (or replaces) the intermediate value at <paramref name="step"/>.</summary>
    void SetIntermediate(int trialId, int step, double value);

    /// <summary>Sets a trial user attribute.</summary>
    void SetTrialUserAttr(int trialId, string key, JsonNode? value);

    /// <summary>Sets a trial system attribute.</summary>
    void SetTrialSystemAttr(int trialId, string key, JsonNode? value);

    /// <summary>Moves a RUNNING trial to a finished state; false if it was no longer RUNNING (e.g. failed as
    /// stale).</summary>
    bool FinishTrial(int trialId, TrialState state, double? value);

    /// <summary>Updates the trial's heartbeat to the database's current time.</summary>
    void RecordHeartbeat(int trialId);

    /// <summary>
    /// Marks RUNNING trials whose heartbeat is older than <paramref name="grace"/> as FAIL and,
    /// in the same transaction, enqueues a WAITING retry with the same parameters following
    /// Optuna's RetryFailedTrialCallback (system attrs failed_trial / retry_history), unless
    /// the retry history already holds <paramref name="maxRetry"/> entries.
    /// </summary>
    IReadOnlyList<StaleTrial> FailStaleTrials(int studyId, TimeSpan grace, int maxRetry);

    /// <summary>Adds a WAITING trial; returns its number.</summary>
    int EnqueueTrial(int studyId, TrialTemplate template);

    /// <summary>All trials of a study ordered by trial id.</summary>
    IReadOnlyList<TrialRecord> GetTrials(int studyId);

    /// <summary>Number of RUNNING trials that have a heartbeat (so can still be detected as stale).</summary>
    int CountLiveRunning(int studyId);
}

/// <summary>Tuning for retries and timeouts.</summary>
public sealed record StorageOptions
{
    /// <summary>How long one operation keeps retrying transient errors before failing.</summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long opening the storage keeps trying before reporting it unreachable.</summary>
    public TimeSpan ConnectWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SQLite busy_timeout per statement.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called with a line for each retried error (null: silent).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>A storage operation failed for good (unreachable database, retries exhausted, bad URL).</summary>
public sealed class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A study with that name already exists.</summary>
public sealed class StudyExistsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StudyExistsException(string name) : base($"study '{name}' already exists") => StudyName = name;

    /// <summary>The clashing name.</summary>
    public string StudyName { get; }
}
