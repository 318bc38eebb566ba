using System.Globalization;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>Optuna's three distribution families.</summary>
public enum DistributionType
{
    /// <summary>Optuna <c>FloatDistribution</c>.</summary>
    Float,

    /// <summary>Optuna <c>IntDistribution</c>.</summary>
    Int,

    /// <summary>Optuna <c>CategoricalDistribution</c>.</summary>
    Categorical,
}

/// <summary>
/// A parameter distribution exactly as Optuna stores it in <c>trial_params.distribution_json</c>.
/// The internal value of a categorical parameter is the index of its choice; every other
/// parameter stores its own value.
/// </summary>
public sealed record Distribution
{
    /// <summary>Which Optuna family.</summary>
    public DistributionType Type { get; init; }

    /// <summary>Lower bound (inclusive); unused for categorical.</summary>
    public double Low { get; init; }

    /// <summary>Upper bound (inclusive); unused for categorical.</summary>
    public double High { get; init; }

    /// <summary>Whether Optuna treats the range on a log scale.</summary>
    public bool Log { get; init; }

    /// <summary>Discretisation step (always set for Int; null means continuous for Float).</summary>
    public double? Step { get; init; }

    /// <summary>Choices of a categorical distribution, as JSON scalars (Optuna allows str, int, float, bool,
    /// None).</summary>
    public IReadOnlyList<JsonNode?> Choices { get; init; } = [];

    /// <summary>A <c>FloatDistribution</c>.</summary>
    public static Distribution Float(double low, double high, bool log = false, double? step = null) =>
        new() { Type = DistributionType.Float, Low = low, High = high, Log = log, Step = step };

    /// <summary>An <c>IntDistribution</c>.</summary>
    public static Distribution Int(long low, long high, bool log = false, long step = 1) =>
        new() { Type = DistributionType.Int, Low = low, High = high, Log = log, Step = step };

    /// <summary>A <c>CategoricalDistribution</c> of strings.</summary>
    public static Distribution Categorical(IEnumerable<string> choices) =>
        new()
        {
            Type = DistributionType.Categorical,
            Choices = choices.Select(c => (JsonNode?)JsonValue.Create(c)).ToList(),
        };

    /// <summary>
    /// Serialises like Optuna's <c>distribution_to_json</c>: Python's <c>json.dumps</c> of
    /// {"name", "attributes"} with the attributes in the object's <c>__dict__</c> order, so the
    /// text is byte-identical to what Optuna 3.1 writes.
    /// </summary>
    public string ToJson()
    {
        var attributes = new JsonObject();
        switch (Type)
        {
            case DistributionType.Float:
                attributes["step"] = Step is { } s ? JsonValue.Create(s) : null;
                attributes["low"] = JsonValue.Create(Low);
                attributes["high"] = JsonValue.Create(High);
                attributes["log"] = JsonValue.Create(Log);
                break;
            case DistributionType.Int:
                attributes["log"] = JsonValue.Create(Log);
                attributes["step"] = JsonValue.Create((long)(Step ?? 1));
                attributes["low"] = JsonValue.Create((long)Low);
                attributes["high"] = JsonValue.Create((long)High);
                break;
            default:
                attributes["choices"] = new JsonArray(Choices.Select(c => c?.DeepClone()).ToArray());
                break;
        }
        var root = new JsonObject { ["name"] = JsonValue.Create(OptunaName), ["attributes"] = attributes };
        return PyJson.Dumps(root);
    }

    /// <summary>Optuna's class name for this distribution.</summary>
    public string OptunaName => Type switch
    {
        DistributionType.Float => "FloatDistribution",
        DistributionType.Int => "IntDistribution",
        _ => "CategoricalDistribution",
    };

    /// <summary>
    /// Parses Optuna's distribution JSON, including the pre-3.0 class names (UniformDistribution,
    /// LogUniformDistribution, DiscreteUniformDistribution, IntUniformDistribution,
    /// IntLogUniformDistribution) that old studies may still hold.
    /// </summary>
    public static Distribution FromJson(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("empty distribution JSON");
        var name = root["name"]?.GetValue<string>()
            ?? throw new FormatException($"distribution JSON without name: {json}");
        var a = root["attributes"]?.AsObject() ?? new JsonObject();
        double Num(string key) =>
            a[key] is { } n ? n.GetValue<double>() : throw new FormatException($"{name} without {key}");
        double? OptNum(string key) => a[key] is { } n ? n.GetValue<double>() : null;
        bool Flag(string key) => a[key] is { } n && n.GetValue<bool>();
        return name switch
        {
            "FloatDistribution" => Float(Num("low"), Num("high"), Flag("log"), OptNum("step")),
            "UniformDistribution" => Float(Num("low"), Num("high")),
            "LogUniformDistribution" => Float(Num("low"), Num("high"), log: true),
            "DiscreteUniformDistribution" => Float(Num("low"), Num("high"), step: Num("q")),
            "IntDistribution" => Int((long)Num("low"), (long)Num("high"), Flag("log"), (long)(OptNum("step") ?? 1)),
            "IntUniformDistribution" => Int((long)Num("low"), (long)Num("high"), false, (long)(OptNum("step") ?? 1)),
            "IntLogUniformDistribution" => Int((long)Num("low"), (long)Num("high"), true),
            "CategoricalDistribution" => new Distribution
            {
                Type = DistributionType.Categorical,
                Choices = (a["choices"]?.AsArray() ?? []).Select(c => c?.DeepClone()).ToList(),
            },
            _ => throw new FormatException($"unknown Optuna distribution '{name}'"),
        };
    }

    /// <summary>
    /// Converts an internal value to what a user sees: a double, a long, or the categorical
    /// choice rendered as a string (JSON null becomes null).
    /// </summary>
    public object? ToExternal(double internalValue) => Type switch
    {
        DistributionType.Float => internalValue,
        DistributionType.Int => (long)internalValue,
        _ => ChoiceText((int)internalValue),
    };

    /// <summary>The categorical choice at <paramref name="index"/> as text.</summary>
    public string? ChoiceText(int index)
    {
        if (index < 0 || index >= Choices.Count)
        {
            return null;
        }
        var c = Choices[index];
        if (c is null)
        {
            return null;
        }
        return c.GetValueKind() == System.Text.Json.JsonValueKind.String ? c.GetValue<string>() : PyJson.Dumps(c);
    }

    /// <inheritdoc/>
    public override string ToString() => Type == DistributionType.Categorical
        ? $"{OptunaName}({string.Join(", ", Choices.Select(c => c is null ? "None" : PyJson.Dumps(c)))})"
        : string.Create(CultureInfo.InvariantCulture, $"{OptunaName}(low={Low}, high={High}, log={Log}, step={Step})");
}
