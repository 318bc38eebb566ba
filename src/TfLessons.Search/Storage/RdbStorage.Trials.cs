using System.Text.Json.Nodes;

namespace TfLessons.Search;

internal abstract partial class RdbStorage
{
    // Trials created as retries carry Optuna's "failed_trial" system attribute; they replace a
    // failed trial and so do not count towards the requested number of trials.
    private const string NonRetryCount =
        "SELECT COUNT(*) FROM trials t WHERE t.study_id = @s AND NOT EXISTS " +
        "(SELECT 1 FROM trial_system_attributes a WHERE a.trial_id = t.trial_id AND a.\"key\" = 'failed_trial')";

    public ClaimedTrial? ClaimTrial(int studyId, int maxTrials) => Run("claim a trial", true, s =>
        {
            var waiting = s.Query(
                $"SELECT trial_id, number FROM trials WHERE study_id = @s AND state "
                    + $"= 'WAITING' ORDER BY trial_id LIMIT 1{SkipLockedSuffix(null)}",
                r => (Id: r.GetInt32(0), Number: r.GetInt32(1)),
                ("@s", studyId)
            );
            if (waiting.Count == 1)
            {
                var (id, number) = waiting[0];
                // The state guard makes the claim exclusive even without row locks.
                if (
                    s.Exec(
                        "UPDATE trials SET state = 'RUNNING', datetime_start "
                            + "= @now WHERE trial_id = @t AND state = 'WAITING'",
                        ("@t", id),
                        ("@now", TimeParam(DateTime.Now))
                    ) == 1
                )
                {
                    Heartbeat(s, id);
                    return new ClaimedTrial(id, number, false);
                }
            }
            LockStudy(s, studyId);
            if (s.Long(NonRetryCount, ("@s", studyId)) >= maxTrials)
            {
                return null;
            }
            var trialId = InsertTrial(s, studyId, TrialState.Running, DateTime.Now, out var trialNumber);
            Heartbeat(s, trialId);
            return new ClaimedTrial(trialId, trialNumber, true);
        });

    public void SetTrialParams(int trialId, IEnumerable<(string Name, double Value, Distribution Dist)> values)
    {
        var list = values.ToList();
        Run("store trial parameters", true, s =>
        {
            foreach (var (name, value, dist) in list)
            {
                InsertParam(s, trialId, name, value, dist);
            }
            return 0;
        });
    }

    public void SetIntermediate(int trialId, int step, double value) => Run("store intermediate value", true, s =>
        {
            var (stored, type) = double.IsNaN(value) ? (null, "NAN") : StoredValue(value);
            return s.Exec(
                $"INSERT INTO trial_intermediate_values (trial_id, step, intermediate_value, "
                    + $"intermediate_value_type) VALUES (@t, @st, @v, '{type}') "
                    + "ON CONFLICT (trial_id, step) DO UPDATE SET intermediate_value = "
                    + "excluded.intermediate_value, intermediate_value_type = excluded.intermediate_value_type",
                ("@t", trialId),
                ("@st", step),
                ("@v", stored)
            );
        });

    public void SetTrialUserAttr(int trialId, string key, JsonNode? value) => Run("set trial attribute", true, s =>
        UpsertAttr(s, "trial_user_attributes", "trial_id", trialId, key, value));

    public void SetTrialSystemAttr(int trialId, string key, JsonNode? value) => Run("set trial attribute", true, s =>
        UpsertAttr(s, "trial_system_attributes", "trial_id", trialId, key, value));

    public bool FinishTrial(int trialId, TrialState state, double? value) => Run("finish trial", true, s =>
        {
            if (
                s.Exec(
                    $"UPDATE trials SET state = '{state.ToDb()}', datetime_complete "
                        + $"= @now WHERE trial_id = @t AND state = 'RUNNING'",
                    ("@t", trialId),
                    ("@now", TimeParam(DateTime.Now))
                ) != 1
            )
            {
                return false;
            }
            if (value is { } v)
            {
                InsertValue(s, trialId, v);
            }
            return true;
        });

    public void RecordHeartbeat(int trialId) => Run("record heartbeat", true, s => Heartbeat(s, trialId));

    public IReadOnlyList<StaleTrial> FailStaleTrials(int studyId, TimeSpan grace, int maxRetry)
    {
        var staleSql = "SELECT t.trial_id FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.trial_id " +
            $"WHERE t.study_id = @s AND t.state = 'RUNNING' AND {AgeSecondsSql("h.heartbeat")} > @g";
        // Cheap read first: only take the write lock when something is actually stale.
        var candidates = Run("look for stale trials", false, s =>
            s.Query(staleSql, r => r.GetInt32(0), ("@s", studyId), ("@g", grace.TotalSeconds))
        );
        if (candidates.Count == 0)
        {
            return [];
        }
        return Run("fail stale trials", true, s =>
        {
            var result = new List<StaleTrial>();
            var stale = s.Query(
                staleSql + SkipLockedSuffix("t"),
                r => r.GetInt32(0),
                ("@s", studyId),
                ("@g", grace.TotalSeconds)
            );
            foreach (var id in stale)
            {
                if (
                    s.Exec(
                        "UPDATE trials SET state = 'FAIL', datetime_complete "
                            + "= @now WHERE trial_id = @t AND state = 'RUNNING'",
                        ("@t", id),
                        ("@now", TimeParam(DateTime.Now))
                    ) != 1
                )
                {
                    continue;
                }
                var failed = ReadTrials(s, "t.trial_id = @id", ("@id", id))[0];
                result.Add(
                    new StaleTrial(
                        failed.Number,
                        RetryTemplate(failed, maxRetry) is { } template ? Enqueue(s, studyId, template) : null
                    )
                );
            }
            return result;
        });
    }

    public int EnqueueTrial(int studyId, TrialTemplate template) =>
        Run("enqueue trial", true, s => Enqueue(s, studyId, template));

    public int CountLiveRunning(int studyId) =>
        Run("count running trials", false, s =>
            (int)
                s.Long(
                    "SELECT COUNT(*) FROM trials t JOIN trial_heartbeats h ON h.trial_id "
                        + "= t.trial_id WHERE t.study_id = @s AND t.state = 'RUNNING'",
                    ("@s", studyId)
                )
        );

    /// <summary>
    /// Optuna's RetryFailedTrialCallback: system attrs = {"failed_trial": n, "retry_history": [],
    /// **old}, then n appended to retry_history; no retry once the history exceeds max_retry.
    /// Rung bookkeeping of the successive-halving pruner is not carried over, so the retry
    /// competes from the first rung again.
    /// </summary>
    private static TrialTemplate? RetryTemplate(TrialRecord failed, int maxRetry)
    {
        var attrs = new Dictionary<string, JsonNode?>
        {
            ["failed_trial"] = JsonValue.Create(failed.Number),
            ["retry_history"] = new JsonArray(),
        };
        foreach (
            var (k, v) in failed.SystemAttrs.Where(kv =>
                !kv.Key.StartsWith("completed_rung_", StringComparison.Ordinal)
            )
        )
        {
            attrs[k] = v?.DeepClone();
        }
        var history = attrs["retry_history"] as JsonArray ?? [];
        history.Add(JsonValue.Create(failed.Number));
        attrs["retry_history"] = history;
        if (maxRetry < history.Count)
        {
            return null;
        }
        return new TrialTemplate
        {
            Params = failed.Params.ToDictionary(kv => kv.Key, kv => (kv.Value, failed.Distributions[kv.Key])),
            UserAttrs = failed.UserAttrs,
            SystemAttrs = attrs,
        };
    }

    private int Enqueue(DbSession s, int studyId, TrialTemplate template)
    {
        LockStudy(s, studyId);
        var id = InsertTrial(s, studyId, TrialState.Waiting, null, out var number);
        foreach (var (name, (value, dist)) in template.Params)
        {
            InsertParam(s, id, name, value, dist);
        }
        foreach (var (k, v) in template.UserAttrs)
        {
            UpsertAttr(s, "trial_user_attributes", "trial_id", id, k, v);
        }
        foreach (var (k, v) in template.SystemAttrs)
        {
            UpsertAttr(s, "trial_system_attributes", "trial_id", id, k, v);
        }
        return number;
    }

    private void LockStudy(DbSession s, int studyId)
    {
        if (LockStudySql is { } sql)
        {
            s.Exec(sql, ("@s", studyId));
        }
    }

    // Numbering as Optuna does it: the count of the study's earlier trials, taken under the study lock.
    private int InsertTrial(DbSession s, int studyId, TrialState state, DateTime? start, out int number)
    {
        number = (int)s.Long("SELECT COUNT(*) FROM trials WHERE study_id = @s", ("@s", studyId));
        return (int)
            s.Long(
                $"INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) "
                    + $"VALUES (@n, @s, '{state.ToDb()}', @start, NULL) RETURNING trial_id",
                ("@n", number),
                ("@s", studyId),
                ("@start", start is { } t ? TimeParam(t) : null)
            );
    }

    private static void InsertParam(DbSession s, int trialId, string name, double value, Distribution dist) =>
        s.Exec(
            "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (@t, @n, @v, @d) "
                + "ON CONFLICT (trial_id, param_name) DO UPDATE SET param_value = "
                + "excluded.param_value, distribution_json = excluded.distribution_json",
            ("@t", trialId),
            ("@n", name),
            ("@v", value),
            ("@d", dist.ToJson())
        );

    private static void InsertValue(DbSession s, int trialId, double value)
    {
        var (stored, type) = StoredValue(value);
        s.Exec($"INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (@t, 0, @v, '{type}') " +
            "ON CONFLICT (trial_id, objective) DO UPDATE SET value = excluded.value, value_type = excluded.value_type",
            ("@t", trialId), ("@v", stored));
    }

    // Optuna stores infinities as NULL plus a type tag because not every database stores IEEE infinities.
    private static (object? Stored, string Type) StoredValue(double v) =>
        double.IsPositiveInfinity(v) ? (null, "INF_POS")
        : double.IsNegativeInfinity(v) ? (null, "INF_NEG")
        : (v, "FINITE");

    private int Heartbeat(DbSession s, int trialId) =>
        s.Exec(
            $"INSERT INTO trial_heartbeats (trial_id, heartbeat) VALUES (@t, {NowSql}) "
                + $"ON CONFLICT (trial_id) DO UPDATE SET heartbeat = excluded.heartbeat",
            ("@t", trialId)
        );
}
