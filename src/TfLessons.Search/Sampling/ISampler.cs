using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>What a sampler needs to choose one trial's parameters.</summary>
/// <param name="Study">The study (space, seed, storage for samplers that look at past trials).</param>
/// <param name="TrialNumber">Number of the trial being sampled.</param>
/// <param name="Cancellation">Stops a sampler that is waiting on other trials.</param>
/// <param name="Idle">Called periodically while a sampler waits, so the worker keeps failing stale trials.</param>
public sealed record SamplingContext(
    Study Study,
    int TrialNumber,
    CancellationToken Cancellation = default,
    Action? Idle = null
);

/// <summary>Chooses parameter values (Optuna internal representation) for a trial.</summary>
public interface ISampler
{
    /// <summary>Values for every parameter of the study's space.</summary>
    IReadOnlyDictionary<string, double> Sample(SamplingContext context);

    /// <summary>Settings as JSON, stored in the study ("tfl:sampler") so every worker samples alike.</summary>
    JsonObject Describe();
}

/// <summary>
/// Random search: every parameter drawn independently on its sampling coordinate from a stream
/// seeded only by (study seed, trial number, parameter name) — see <see cref="TrialRng"/>.
/// </summary>
public sealed class RandomSampler : ISampler
{
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Sample(SamplingContext context) =>
        ParamBox.Full(context.Study.Space).Sample(context.Study.Space, context.Study.Seed, context.TrialNumber);

    /// <inheritdoc/>
    public JsonObject Describe() => new() { ["name"] = "random" };
}

/// <summary>Builds samplers from stored descriptions or command-line strings.</summary>
public static class Samplers
{
    /// <summary>
    /// Parses "random", "grid[:points]" or "c2f:trialsPerRound[:shrink[:topFraction]]"
    /// (e.g. "c2f:20:0.3" = 20 trials per round, each round's box 30% as wide as the last).
    /// </summary>
    public static ISampler Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        double Arg(int i, double fallback) =>
            parts.Length > i
                ? double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new FormatException($"sampler '{text}': '{parts[i]}' is not a number")
                : fallback;
        return parts[0] switch
        {
            "random" => new RandomSampler(),
            "grid" => new GridSampler((int)Arg(1, 5)),
            "c2f" or "coarsetofine" => new CoarseToFineSampler((int)Arg(1, 20), Arg(2, 0.3), Arg(3, 0.2)),
            _ => throw new FormatException(
                $"unknown sampler '{text}' (expected random, grid[:points] or c2f:trialsPerRound[:shrink[:top]])"
            ),
        };
    }

    /// <summary>Recreates a sampler from <see cref="ISampler.Describe"/> output (null: random).</summary>
    public static ISampler FromDescription(JsonNode? description)
    {
        var d = description as JsonObject;
        double Num(string key, double fallback) => d?[key] is { } n ? n.GetValue<double>() : fallback;
        return (d?["name"]?.GetValue<string>() ?? "random") switch
        {
            "grid" => new GridSampler((int)Num("points", 5)),
            "c2f" => new CoarseToFineSampler(
                (int)Num("trials_per_round", 20),
                Num("shrink", 0.3),
                Num("top_fraction", 0.2)
            ),
            _ => new RandomSampler(),
        };
    }
}
