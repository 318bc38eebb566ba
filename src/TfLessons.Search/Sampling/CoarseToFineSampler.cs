using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>One coarse-to-fine round: trials [Round*size, (Round+1)*size) sample inside <see cref="Box"/>.</summary>
/// <param name="Round">0-based round.</param>
/// <param name="Box">The box on the sampling coordinates.</param>
/// <param name="CenterTrial">Number of the best trial the box was centred on (null for round 0).</param>
public sealed record CoarseToFineRound(int Round, ParamBox Box, int? CenterTrial);

/// <summary>
/// The course's coarse-to-fine search. Trials come in rounds of <see cref="TrialsPerRound"/>.
/// Round 0 samples the whole space at random. Before round r, the box is shrunk to
/// <see cref="Shrink"/> of its previous width on every numeric coordinate (log10 for log
/// parameters, so zooming is multiplicative), centred on the best trial so far and shifted to
/// stay inside the previous box; categoricals keep the choices seen among the best
/// <see cref="TopFraction"/> of trials. The same number of trials in a smaller box samples it
/// more densely. Each round's box is stored once in the study ("tfl:c2f:round:r", first writer
/// wins) so all workers share it and reports can draw it. A round starts only when no trial of an
/// earlier round is still running, which keeps the boxes independent of worker count.
/// </summary>
public sealed class CoarseToFineSampler : ISampler
{
    private const string KeyPrefix = "tfl:c2f:round:";
    private readonly ConcurrentDictionary<(int Study, int Round), ParamBox> _cache = new();

    /// <summary>Creates the sampler.</summary>
    public CoarseToFineSampler(int trialsPerRound = 20, double shrink = 0.3, double topFraction = 0.2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trialsPerRound, 1);
        if (!(shrink > 0 && shrink <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(shrink), shrink, "shrink factor must be in (0, 1]");
        }
        if (!(topFraction > 0 && topFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(topFraction), topFraction, "top fraction must be in (0, 1]");
        }
        TrialsPerRound = trialsPerRound;
        Shrink = shrink;
        TopFraction = topFraction;
    }

    /// <summary>Trials per round.</summary>
    public int TrialsPerRound { get; }

    /// <summary>Each round's box width as a fraction of the previous round's.</summary>
    public double Shrink { get; }

    /// <summary>Fraction of best trials whose categorical choices survive into the next round.</summary>
    public double TopFraction { get; }

    /// <summary>How long a trial waits for the previous round to finish before failing.</summary>
    public TimeSpan RoundWait { get; init; } = TimeSpan.FromHours(24);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Sample(SamplingContext context) =>
        BoxFor(context, context.TrialNumber / TrialsPerRound)
            .Sample(context.Study.Space, context.Study.Seed, context.TrialNumber);

    /// <inheritdoc/>
    public JsonObject Describe() => new()
    {
        ["name"] = "c2f",
        ["trials_per_round"] = TrialsPerRound,
        ["shrink"] = Shrink,
        ["top_fraction"] = TopFraction,
    };

    /// <summary>The rounds recorded in a study so far, in order.</summary>
    public static IReadOnlyList<CoarseToFineRound> ReadRounds(Study study) =>
        study.Storage.GetStudySystemAttrs(study.Id)
            .Where(kv => kv.Key.StartsWith(KeyPrefix, StringComparison.Ordinal) && kv.Value is JsonObject)
            .Select(kv => FromJson((JsonObject)kv.Value!))
            .OrderBy(r => r.Round)
            .ToList();

    private ParamBox BoxFor(SamplingContext ctx, int round)
    {
        var study = ctx.Study;
        if (_cache.TryGetValue((study.Id, round), out var cached))
        {
            return cached;
        }
        var key = KeyPrefix + round.ToString(CultureInfo.InvariantCulture);
        if (
            study.Storage.GetStudySystemAttrs(study.Id).TryGetValue(key, out var existing)
            && existing is JsonObject stored
        )
        {
            return _cache[(study.Id, round)] = FromJson(stored).Box;
        }
        CoarseToFineRound proposal;
        if (round == 0)
        {
            proposal = new CoarseToFineRound(0, ParamBox.Full(study.Space), null);
        }
        else
        {
            var previous = BoxFor(ctx, round - 1);
            proposal = Shrunk(study, previous, round, WaitForEarlierRounds(ctx, round));
        }
        var winner = study.Storage.SetStudySystemAttrIfAbsent(study.Id, key, ToJson(proposal)) as JsonObject;
        return _cache[(study.Id, round)] = winner is null ? proposal.Box : FromJson(winner).Box;
    }

    private List<TrialRecord> WaitForEarlierRounds(SamplingContext ctx, int round)
    {
        var limit = round * TrialsPerRound;
        var deadline = DateTime.UtcNow + RoundWait;
        while (true)
        {
            var earlier = ctx.Study.GetTrials().Where(t => t.Number < limit).ToList();
            if (!earlier.Any(t => t.State == TrialState.Running))
            {
                return earlier;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"coarse-to-fine round {round} waited {RoundWait} for round {round - 1} to finish"
                );
            }
            ctx.Idle?.Invoke();
            ctx.Cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            ctx.Cancellation.ThrowIfCancellationRequested();
        }
    }

    private CoarseToFineRound Shrunk(Study study, ParamBox previous, int round, List<TrialRecord> earlier)
    {
        var ranked = earlier
            .Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v))
            .OrderBy(t => study.Direction == StudyDirection.Minimize ? t.Value : -t.Value)
            .ThenBy(t => t.Number)
            .ToList();
        if (ranked.Count == 0)
        {
            return new CoarseToFineRound(round, previous, null);
        }
        var best = ranked[0];
        var top = ranked.Take(Math.Max(1, (int)Math.Ceiling(TopFraction * ranked.Count))).ToList();
        var ranges = new Dictionary<string, ParamRange>();
        foreach (var p in study.Space)
        {
            var prev = previous.Ranges.TryGetValue(p.Name, out var r) ? r : ParamRange.Full(p);
            if (!best.Params.TryGetValue(p.Name, out var bestValue))
            {
                ranges[p.Name] = prev;
                continue;
            }
            if (p.Kind == ParamKind.Categorical)
            {
                var kept = top.Where(t => t.Params.ContainsKey(p.Name)).Select(t => (int)t.Params[p.Name])
                    .Where(i => prev.Choices?.Contains(i) ?? true).Distinct().Order().ToArray();
                ranges[p.Name] = new ParamRange(0, p.Choices.Count - 1, kept.Length > 0 ? kept : [(int)bestValue]);
                continue;
            }
            var width = prev.Width * Shrink;
            var center = Math.Clamp(p.ToCoord(bestValue), prev.Lo, prev.Hi);
            var lo = Math.Max(prev.Lo, Math.Min(center - width / 2, prev.Hi - width));
            ranges[p.Name] = new ParamRange(lo, Math.Min(prev.Hi, lo + width));
        }
        return new CoarseToFineRound(round, new ParamBox(ranges), best.Number);
    }

    private static JsonObject ToJson(CoarseToFineRound r)
    {
        var ps = new JsonObject();
        foreach (var (name, range) in r.Box.Ranges)
        {
            ps[name] = range.Choices is { } c
                ? new JsonObject
                {
                    ["choices"] = new JsonArray(c.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
                }
                : new JsonObject { ["lo"] = range.Lo, ["hi"] = range.Hi };
        }
        return new JsonObject { ["round"] = r.Round, ["center_trial"] = r.CenterTrial, ["box"] = ps };
    }

    private static CoarseToFineRound FromJson(JsonObject o)
    {
        var ranges = new Dictionary<string, ParamRange>();
        foreach (var (name, node) in o["box"]?.AsObject() ?? [])
        {
            var r = node!.AsObject();
            ranges[name] = r["choices"] is JsonArray c
                ? new ParamRange(0, 0, c.Select(i => i!.GetValue<int>()).ToArray())
                : new ParamRange(r["lo"]!.GetValue<double>(), r["hi"]!.GetValue<double>());
        }
        return new CoarseToFineRound(
            o["round"]!.GetValue<int>(),
            new ParamBox(ranges),
            o["center_trial"]?.GetValue<int>()
        );
    }
}
