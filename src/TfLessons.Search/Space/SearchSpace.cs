using System.Collections;
using System.Text.Json.Nodes;

namespace TfLessons.Search;

/// <summary>
/// An ordered set of hyperparameters, declared fluently:
/// <code>
/// var space = new SearchSpace()
///     .Log("lr", 1e-4, 1)
///     .OneMinusLog("beta", 0.9, 0.999)
///     .Int("hidden", 5, 50)
///     .Categorical("opt", "adam", "momentum", "gd")
///     .Pow2("batch", 16, 256)
///     .Uniform("dropout", 0, 0.5);
/// </code>
/// Every method validates immediately and throws <see cref="SearchSpaceException"/> naming the parameter.
/// </summary>
public sealed class SearchSpace : IReadOnlyList<ParamSpec>
{
    private readonly List<ParamSpec> _params = [];

    /// <summary>Number of parameters.</summary>
    public int Count => _params.Count;

    /// <summary>Parameter at <paramref name="index"/> in declaration order.</summary>
    public ParamSpec this[int index] => _params[index];

    /// <summary>Parameter by name, or null.</summary>
    public ParamSpec? Find(string name) => _params.FirstOrDefault(p => p.Name == name);

    /// <summary>Adds a uniform float in [low, high].</summary>
    public SearchSpace Uniform(string name, double low, double high) =>
        Add(ParamSpec.Create(name, ParamKind.Uniform, low, high));

    /// <summary>Adds an integer in [low, high] (inclusive) on the grid low + k*step.</summary>
    public SearchSpace Int(string name, long low, long high, long step = 1) =>
        Add(ParamSpec.Create(name, ParamKind.Int, low, high, step));

    /// <summary>Adds a log-uniform float in [low, high] (each decade equally likely).</summary>
    public SearchSpace Log(string name, double low, double high) =>
        Add(ParamSpec.Create(name, ParamKind.Log, low, high));

    /// <summary>Adds a float in [low, high] ⊂ (0, 1) where 1 - value is log-uniform.</summary>
    public SearchSpace OneMinusLog(string name, double low, double high) =>
        Add(ParamSpec.Create(name, ParamKind.OneMinusLog, low, high));

    /// <summary>Adds a categorical parameter; each choice equally likely.</summary>
    public SearchSpace Categorical(string name, params string[] choices) =>
        Add(ParamSpec.Create(name, ParamKind.Categorical, choices: choices));

    /// <summary>Adds a power of two in [low, high]; each exponent equally likely.</summary>
    public SearchSpace Pow2(string name, long low, long high) => Add(ParamSpec.Create(name, ParamKind.Pow2, low, high));

    /// <summary>Adds an already validated parameter; names must be unique.</summary>
    public SearchSpace Add(ParamSpec spec)
    {
        if (Find(spec.Name) is not null)
        {
            throw new SearchSpaceException(spec.Name, "declared twice");
        }
        _params.Add(spec);
        return this;
    }

    /// <summary>
    /// Serialises to the JSON-file format accepted by <see cref="SpaceParser.ParseJson"/>
    /// (an object of name → command-line spec). Stored in the study's "tfl:space" attribute.
    /// </summary>
    public JsonObject ToJson()
    {
        var obj = new JsonObject();
        foreach (var p in _params)
        {
            obj[p.Name] = JsonValue.Create(p.ToString()[(p.Name.Length + 1)..]);
        }
        return obj;
    }

    /// <inheritdoc/>
    public IEnumerator<ParamSpec> GetEnumerator() => _params.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => string.Join(" ", _params);
}
