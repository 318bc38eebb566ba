namespace TfLessons.Search;

/// <summary>Optuna's <c>TrialState</c>; stored as the enum names in the <c>trials.state</c> column.</summary>
public enum TrialState
{
    /// <summary>Claimed by a worker and in progress.</summary>
    Running,

    /// <summary>Finished with a value.</summary>
    Complete,

    /// <summary>Stopped early by a pruner.</summary>
    Pruned,

    /// <summary>Raised, returned NaN, or its worker stopped heart-beating.</summary>
    Fail,

    /// <summary>Queued (e.g. a retry of a failed trial) for the next free worker.</summary>
    Waiting,
}

/// <summary>Optuna's <c>StudyDirection</c>.</summary>
public enum StudyDirection
{
    /// <summary>Lower objective values are better (e.g. validation loss).</summary>
    Minimize,

    /// <summary>Higher objective values are better (e.g. accuracy).</summary>
    Maximize,
}

/// <summary>Conversions between our enums and Optuna's stored strings.</summary>
public static class OptunaEnums
{
    /// <summary>The stored name: 'RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'.</summary>
    public static string ToDb(this TrialState s) => s switch
    {
        TrialState.Running => "RUNNING",
        TrialState.Complete => "COMPLETE",
        TrialState.Pruned => "PRUNED",
        TrialState.Fail => "FAIL",
        _ => "WAITING",
    };

    /// <summary>The stored name: 'MINIMIZE' or 'MAXIMIZE'.</summary>
    public static string ToDb(this StudyDirection d) => d == StudyDirection.Minimize ? "MINIMIZE" : "MAXIMIZE";

    /// <summary>Parses a stored trial state.</summary>
    public static TrialState ParseState(string s) => s switch
    {
        "RUNNING" => TrialState.Running,
        "COMPLETE" => TrialState.Complete,
        "PRUNED" => TrialState.Pruned,
        "FAIL" => TrialState.Fail,
        "WAITING" => TrialState.Waiting,
        _ => throw new FormatException($"unknown trial state '{s}'"),
    };

    /// <summary>Parses a stored direction (Optuna's NOT_SET is read as minimize).</summary>
    public static StudyDirection ParseDirection(string s) =>
        s == "MAXIMIZE" ? StudyDirection.Maximize : StudyDirection.Minimize;

    /// <summary>Whether the trial can no longer change (COMPLETE, PRUNED or FAIL).</summary>
    public static bool IsFinished(this TrialState s) =>
        s is TrialState.Complete or TrialState.Pruned or TrialState.Fail;
}
