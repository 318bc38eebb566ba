using System.Collections;
using System.Globalization;

namespace TfLessons.Search;

/// <summary>The sampled hyperparameters of one trial, as the objective reads them.</summary>
public sealed class TrialParams : IEnumerable<KeyValuePair<string, object>>
{
    private readonly IReadOnlyDictionary<string, double> _internal;
    private readonly IReadOnlyDictionary<string, ParamSpec> _specs;

    /// <summary>Wraps internal values with the specs that interpret them.</summary>
    public TrialParams(IReadOnlyDictionary<string, double> internalValues, IReadOnlyDictionary<string, ParamSpec> specs)
    {
        _internal = internalValues;
        _specs = specs;
    }

    /// <summary>Parameter names.</summary>
    public IEnumerable<string> Names => _internal.Keys;

    /// <summary>Internal (stored) values.</summary>
    public IReadOnlyDictionary<string, double> Internal => _internal;

    /// <summary>A float parameter (uniform, log, oneminuslog); ints are widened.</summary>
    public double Float(string name) => Convert.ToDouble(Get(name), CultureInfo.InvariantCulture);

    /// <summary>An int or pow2 parameter.</summary>
    public int Int(string name) =>
        Get(name) is int i ? i : throw new InvalidCastException($"parameter '{name}' is not an integer");

    /// <summary>A categorical parameter's choice.</summary>
    public string Choice(string name) =>
        Get(name) as string ?? throw new InvalidCastException($"parameter '{name}' is not categorical");

    /// <summary>A parameter's value: double, int or string.</summary>
    public object Get(string name)
    {
        if (!_internal.TryGetValue(name, out var v))
        {
            throw new KeyNotFoundException(
                $"trial has no parameter '{name}' (has: {string.Join(", ", _internal.Keys)})"
            );
        }
        return _specs.TryGetValue(name, out var spec) ? spec.ToExternal(v) : v;
    }

    /// <summary>Whether the trial has parameter <paramref name="name"/>.</summary>
    public bool Contains(string name) => _internal.ContainsKey(name);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() =>
        _internal.Keys.Select(k => new KeyValuePair<string, object>(k, Get(k))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>"lr=0.001234, hidden=23, opt=adam".</summary>
    public override string ToString() =>
        string.Join(
            ", ",
            _internal.Keys.Select(k =>
                _specs.TryGetValue(k, out var s)
                    ? $"{k}={s.Format(_internal[k])}"
                    : $"{k}={_internal[k].ToString("G6", CultureInfo.InvariantCulture)}"
            )
        );
}
