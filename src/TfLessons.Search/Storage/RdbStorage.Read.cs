using System.Text.Json.Nodes;

namespace TfLessons.Search;

internal abstract partial class RdbStorage
{
    public IReadOnlyList<TrialRecord> GetTrials(int studyId) =>
        Run("read trials", false, s => ReadTrials(s, "t.study_id = @id", ("@id", studyId)));

    /// <summary>Reads trials matching <paramref name="where"/> (over alias t) with all their rows, in six
    /// queries.</summary>
    protected List<TrialRecord> ReadTrials(DbSession s, string where, params (string, object?)[] args)
    {
        var trials = s.Query(
                $"SELECT t.trial_id, t.number, {EnumText("t.state")}, t.datetime_start, "
                    + $"t.datetime_complete FROM trials t WHERE {where} ORDER BY t.trial_id",
                r => new Builder
                {
                    TrialId = r.GetInt32(0),
                    Number = r.IsDBNull(1) ? -1 : r.GetInt32(1),
                    State = OptunaEnums.ParseState(r.GetString(2)),
                    Start = ReadTime(r.GetValue(3)),
                    Complete = ReadTime(r.GetValue(4)),
                },
                args
            )
            .ToDictionary(b => b.TrialId);
        string Join(string table, string columns, string extra = "") =>
            $"SELECT x.trial_id, {columns} FROM {table} x JOIN trials "
            + $"t ON t.trial_id = x.trial_id WHERE {where}{extra}";

        foreach (
            var (id, name, value, json) in s.Query(
                Join("trial_params", "x.param_name, x.param_value, x.distribution_json", " ORDER BY x.param_id"),
                r => (r.GetInt32(0), r.GetString(1), r.GetDouble(2), r.GetString(3)),
                args
            )
        )
        {
            trials[id].Params[name] = value;
            trials[id].Distributions[name] = Distribution.FromJson(json);
        }
        foreach (
            var (id, value, type) in s.Query(
                Join("trial_values", $"x.value, {EnumText("x.value_type")}", " AND x.objective = 0"),
                r => (r.GetInt32(0), r.IsDBNull(1) ? (double?)null : r.GetDouble(1), r.GetString(2)),
                args
            )
        )
        {
            trials[id].Value = FromStored(value, type);
        }
        foreach (
            var (id, step, value, type) in s.Query(
                Join(
                    "trial_intermediate_values",
                    $"x.step, x.intermediate_value, {EnumText("x.intermediate_value_type")}"
                ),
                r => (r.GetInt32(0), r.GetInt32(1), r.IsDBNull(2) ? (double?)null : r.GetDouble(2), r.GetString(3)),
                args
            )
        )
        {
            trials[id].Intermediate[step] = FromStored(value, type);
        }
        foreach (var (table, user) in new[] { ("trial_user_attributes", true), ("trial_system_attributes", false) })
        {
            foreach (
                var (id, key, json) in s.Query(
                    Join(table, "x.\"key\", x.value_json"),
                    r => (r.GetInt32(0), r.GetString(1), r.GetString(2)),
                    args
                )
            )
            {
                (user ? trials[id].UserAttrs : trials[id].SystemAttrs)[key] = ParseJsonOrString(json);
            }
        }
        return trials.Values.OrderBy(b => b.TrialId).Select(b => b.Build()).ToList();
    }

    private static double FromStored(double? value, string type) => type switch
    {
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => value ?? double.NaN,
    };

    private sealed class Builder
    {
        public int TrialId;
        public int Number;
        public TrialState State;
        public DateTime? Start;
        public DateTime? Complete;
        public double? Value;
        public readonly Dictionary<string, double> Params = [];
        public readonly Dictionary<string, Distribution> Distributions = [];
        public readonly SortedDictionary<int, double> Intermediate = [];
        public readonly Dictionary<string, JsonNode?> UserAttrs = [];
        public readonly Dictionary<string, JsonNode?> SystemAttrs = [];

        public TrialRecord Build() => new()
        {
            TrialId = TrialId,
            Number = Number,
            State = State,
            Value = Value,
            Start = Start,
            Complete = Complete,
            Params = Params,
            Distributions = Distributions,
            Intermediate = Intermediate,
            UserAttrs = UserAttrs,
            SystemAttrs = SystemAttrs,
        };
    }
}
