using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>Decides whether a running trial should stop early.</summary>
public interface IPruner
{
    /// <summary>
    /// Whether <paramref name="trial"/> (fresh from storage, with its intermediate values) should
    /// be pruned, given every trial of the study.
    /// </summary>
    bool ShouldPrune(Study study, TrialRecord trial, IReadOnlyList<TrialRecord> trials);

    /// <summary>Settings as JSON, stored in the study ("tfl:pruner").</summary>
    JsonObject Describe();
}

/// <summary>Never prunes.</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc/>
    public bool ShouldPrune(Study study, TrialRecord trial, IReadOnlyList<TrialRecord> trials) => false;

    /// <inheritdoc/>
    public JsonObject Describe() => new() { ["name"] = "none" };
}

/// <summary>Builds pruners from stored descriptions or command-line strings.</summary>
public static class Pruners
{
    /// <summary>
    /// Parses "none", "median[:startupTrials[:warmupSteps[:intervalSteps]]]" or
    /// "halving[:minResource[:reductionFactor[:minEarlyStoppingRate]]]".
    /// </summary>
    public static IPruner Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        int Arg(int i, int fallback) =>
            parts.Length > i
                ? int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new FormatException($"pruner '{text}': '{parts[i]}' is not an integer")
                : fallback;
        return parts[0] switch
        {
            "none" => new NopPruner(),
            "median" => new MedianPruner(Arg(1, 5), Arg(2, 0), Arg(3, 1)),
            "halving" or "sha" => new SuccessiveHalvingPruner(Arg(1, 1), Arg(2, 4), Arg(3, 0)),
            _ => throw new FormatException(
                $"unknown pruner '{text}' (expected none, "
                    + $"median[:startup[:warmup[:interval]]] or halving[:minResource[:eta[:rate]]])"
            ),
        };
    }

    /// <summary>Recreates a pruner from <see cref="IPruner.Describe"/> output (null: none).</summary>
    public static IPruner FromDescription(JsonNode? description)
    {
        var d = description as JsonObject;
        int Num(string key, int fallback) => d?[key] is { } n ? n.GetValue<int>() : fallback;
        return (d?["name"]?.GetValue<string>() ?? "none") switch
        {
            "median" => new MedianPruner(
                Num("n_startup_trials", 5),
                Num("n_warmup_steps", 0),
                Num("interval_steps", 1)
            ),
            "halving" => new SuccessiveHalvingPruner(
                Num("min_resource", 1),
                Num("reduction_factor", 4),
                Num("min_early_stopping_rate", 0)
            ),
            _ => new NopPruner(),
        };
    }
}
