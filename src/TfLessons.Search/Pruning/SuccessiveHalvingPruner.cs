using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// Asynchronous successive halving, as Optuna's SuccessiveHalvingPruner: rung r is reached at
/// step minResource * eta^(minEarlyStoppingRate + r). On reaching it the trial records its value
/// in system attribute "completed_rung_r" and is promoted only if it ranks within the top 1/eta
/// of all values recorded at that rung so far (at least the single best); otherwise it is pruned.
/// Trials never wait for a rung to fill, which is what makes it asynchronous.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    /// <summary>Creates the pruner.</summary>
    public SuccessiveHalvingPruner(int minResource = 1, int reductionFactor = 4, int minEarlyStoppingRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(minEarlyStoppingRate);
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
    }

    /// <summary>Steps before the first rung (Optuna min_resource).</summary>
    public int MinResource { get; }

    /// <summary>eta: only the top 1/eta is promoted at each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>Offset of the first rung in powers of eta.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>System attribute key Optuna uses for rung <paramref name="rung"/>.</summary>
    public static string RungKey(int rung) => "completed_rung_" + rung.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public bool ShouldPrune(Study study, TrialRecord trial, IReadOnlyList<TrialRecord> trials)
    {
        if (trial.LastStep is not { } step)
        {
            return false;
        }
        var rung = 0;
        while (trial.SystemAttrs.ContainsKey(RungKey(rung)))
        {
            rung++;
        }
        var value = trial.Intermediate[step];
        while (true)
        {
            var promotionStep = MinResource * Math.Pow(ReductionFactor, MinEarlyStoppingRate + rung);
            if (step < promotionStep)
            {
                return false;
            }
            if (double.IsNaN(value))
            {
                return true;
            }
            var key = RungKey(rung);
            study.Storage.SetTrialSystemAttr(trial.TrialId, key, JsonValue.Create(value));
            var competing = trials
                .Where(t => t.TrialId != trial.TrialId && t.SystemAttrs.TryGetValue(key, out var v) && v is not null)
                .Select(t => t.SystemAttrs[key]!.GetValue<double>())
                .Append(value)
                .Order()
                .ToList();
            if (!IsPromotable(value, competing, study.Direction))
            {
                return true;
            }
            rung++;
        }
    }

    /// <inheritdoc/>
    public JsonObject Describe() => new()
    {
        ["name"] = "halving",
        ["min_resource"] = MinResource,
        ["reduction_factor"] = ReductionFactor,
        ["min_early_stopping_rate"] = MinEarlyStoppingRate,
    };

    private bool IsPromotable(double value, List<double> sortedCompeting, StudyDirection direction)
    {
        var promotable = Math.Max(sortedCompeting.Count / ReductionFactor - 1, 0);
        return direction == StudyDirection.Maximize
            ? value >= sortedCompeting[^(promotable + 1)]
            : value <= sortedCompeting[promotable];
    }
}
