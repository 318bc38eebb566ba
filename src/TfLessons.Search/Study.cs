using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>Everything needed to create a study; stored in the study so workers only need its name.</summary>
public sealed record StudyConfig
{
    /// <summary>Study name (unique per storage).</summary>
    public required string Name { get; init; }

    /// <summary>The search space.</summary>
    public required SearchSpace Space { get; init; }

    /// <summary>Whether lower or higher objective values are better.</summary>
    public StudyDirection Direction { get; init; } = StudyDirection.Minimize;

    /// <summary>Study seed; with the trial number it fully determines a random trial's parameters.</summary>
    public ulong Seed { get; init; }

    /// <summary>Sampler (default random search).</summary>
    public ISampler Sampler { get; init; } = new RandomSampler();

    /// <summary>Pruner (default none).</summary>
    public IPruner Pruner { get; init; } = new NopPruner();
}

/// <summary>
/// A study in Optuna-schema storage plus our settings, which live in study system attributes
/// ("tfl:space", "tfl:seed", "tfl:sampler", "tfl:pruner") so that <c>tfl search worker</c>
/// processes, given only the storage URL and the name, sample and prune identically.
/// Studies created by Optuna itself load too (empty space, random sampler, no pruner).
/// </summary>
public sealed class Study
{
    private const string SpaceKey = "tfl:space";
    private const string SeedKey = "tfl:seed";
    private const string SamplerKey = "tfl:sampler";
    private const string PrunerKey = "tfl:pruner";

    private Study(
        IStudyStorage storage,
        int id,
        string name,
        StudyDirection direction,
        SearchSpace space,
        ulong seed,
        ISampler sampler,
        IPruner pruner
    )
    {
        Storage = storage;
        Id = id;
        Name = name;
        Direction = direction;
        Space = space;
        Seed = seed;
        Sampler = sampler;
        Pruner = pruner;
    }

    /// <summary>Where the study lives.</summary>
    public IStudyStorage Storage { get; }

    /// <summary>studies.study_id.</summary>
    public int Id { get; }

    /// <summary>Study name.</summary>
    public string Name { get; }

    /// <summary>Optimisation direction.</summary>
    public StudyDirection Direction { get; }

    /// <summary>The declared search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>Study seed.</summary>
    public ulong Seed { get; }

    /// <summary>The sampler recorded with the study.</summary>
    public ISampler Sampler { get; }

    /// <summary>The pruner recorded with the study.</summary>
    public IPruner Pruner { get; }

    /// <summary>Creates a new study; throws <see cref="StudyExistsException"/> if the name is taken.</summary>
    public static Study Create(IStudyStorage storage, StudyConfig config)
    {
        var attrs = new Dictionary<string, JsonNode?>
        {
            [SpaceKey] = config.Space.ToJson(),
            [SeedKey] = JsonValue.Create(config.Seed),
            [SamplerKey] = config.Sampler.Describe(),
            [PrunerKey] = config.Pruner.Describe(),
        };
        var id = storage.CreateStudy(config.Name, config.Direction, attrs);
        return new Study(
            storage,
            id,
            config.Name,
            config.Direction,
            config.Space,
            config.Seed,
            config.Sampler,
            config.Pruner
        );
    }

    /// <summary>Loads an existing study with the settings stored in it.</summary>
    public static Study Load(IStudyStorage storage, string name)
    {
        var id = storage.FindStudy(name)
            ?? throw new KeyNotFoundException(
                $"no study named '{name}' in {storage.Describe} (existing: "
                    + $"{string.Join(", ", storage.ListStudies().Select(s => s.Name).DefaultIfEmpty("none"))})"
            );
        var attrs = storage.GetStudySystemAttrs(id);
        var space =
            attrs.TryGetValue(SpaceKey, out var s) && s is JsonObject obj
                ? SpaceParser.ParseJson(obj.ToJsonString())
                : new SearchSpace();
        var seed =
            attrs.TryGetValue(SeedKey, out var seedNode) && seedNode is not null ? seedNode.GetValue<ulong>() : 0UL;
        return new Study(
            storage,
            id,
            name,
            storage.GetDirection(id),
            space,
            seed,
            Samplers.FromDescription(attrs.GetValueOrDefault(SamplerKey)),
            Pruners.FromDescription(attrs.GetValueOrDefault(PrunerKey))
        );
    }

    /// <summary>
    /// Loads the study if it exists (checking that its stored space matches), otherwise creates
    /// it; safe when several workers start at once.
    /// </summary>
    public static Study CreateOrLoad(IStudyStorage storage, StudyConfig config)
    {
        if (storage.FindStudy(config.Name) is null)
        {
            try
            {
                return Create(storage, config);
            }
            catch (StudyExistsException)
            {
                // Another worker created it between our check and insert; load theirs.
            }
        }
        var study = Load(storage, config.Name);
        if (study.Space.ToJson().ToJsonString() != config.Space.ToJson().ToJsonString())
        {
            throw new SearchSpaceException(
                config.Name,
                $"study already exists with search space [{study.Space}], not [{config.Space}]"
            );
        }
        return study;
    }

    /// <summary>All trials, ordered by trial id.</summary>
    public IReadOnlyList<TrialRecord> GetTrials() => Storage.GetTrials(Id);

    /// <summary>The best COMPLETE trial, or null.</summary>
    public TrialRecord? BestTrial() => Ranked(GetTrials()).FirstOrDefault();

    /// <summary>COMPLETE trials with a finite value, best first (ties: lower number first).</summary>
    public IReadOnlyList<TrialRecord> Ranked(IEnumerable<TrialRecord> trials) => trials
        .Where(t => t.State == TrialState.Complete && t.Value is { } v && !double.IsNaN(v))
        .OrderBy(t => Direction == StudyDirection.Minimize ? t.Value : -t.Value)
        .ThenBy(t => t.Number)
        .ToList();

    /// <summary>
    /// The spec of a parameter: from the declared space, else derived from a stored distribution
    /// (for parameters added by an Optuna worker).
    /// </summary>
    public ParamSpec? SpecFor(string name, IEnumerable<TrialRecord> trials) =>
        Space.Find(name)
        ?? trials
            .Where(t => t.Distributions.ContainsKey(name))
            .Select(t => ParamSpec.FromDistribution(name, t.Distributions[name]))
            .FirstOrDefault();

    /// <summary>Every parameter name seen in the space or in any trial, space order first.</summary>
    public IReadOnlyList<string> ParamNames(IEnumerable<TrialRecord> trials) =>
        Space.Select(p => p.Name).Concat(trials.SelectMany(t => t.Params.Keys)).Distinct().ToList();

    /// <summary>Queues a WAITING trial with fixed parameters (Optuna's enqueue_trial); returns its number.</summary>
    public int Enqueue(IReadOnlyDictionary<string, double> internalValues)
    {
        var ps = internalValues.ToDictionary(
            kv => kv.Key,
            kv =>
                (
                    kv.Value,
                    (
                        Space.Find(kv.Key) ?? throw new SearchSpaceException(kv.Key, "not in the study's search space")
                    ).ToDistribution()
                )
        );
        return Storage.EnqueueTrial(Id, new TrialTemplate { Params = ps });
    }

    /// <summary>The coarse-to-fine rounds recorded so far (empty for other samplers).</summary>
    public IReadOnlyList<CoarseToFineRound> Rounds() => CoarseToFineSampler.ReadRounds(this);

    /// <summary>Counts by state and the best value, for <c>tfl search status</c>.</summary>
    public StudySummary Summary()
    {
        var trials = GetTrials();
        var best = Ranked(trials).FirstOrDefault();
        var counts = Enum.GetValues<TrialState>().ToDictionary(s => s, s => trials.Count(t => t.State == s));
        return new StudySummary(Id, Name, Direction, counts, best?.Value, best?.Number);
    }

    /// <summary>Summaries of every study in a storage.</summary>
    public static IReadOnlyList<StudySummary> Summaries(IStudyStorage storage) =>
        storage.ListStudies().Select(s => Load(storage, s.Name).Summary()).ToList();
}
