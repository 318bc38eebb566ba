using TfLessons.Util;

namespace TfLessons;

/// <summary>TF1's variable scopes: the prefix <c>tf.get_variable</c> names variables with, and whether they are
/// reused.</summary>
public sealed partial class Graph
{
    private readonly List<(string Name, Reuse Reuse)> _variableScopes = [];

    internal string CurrentVariableScope => _variableScopes.Count > 0 ? _variableScopes[^1].Name : "";

    internal Reuse CurrentReuse => _variableScopes.Count > 0 ? _variableScopes[^1].Reuse : Reuse.False;

    /// <summary>Opens variable scope <paramref name="name"/> (nested in the current one) and a name scope of the same
    /// name.</summary>
    internal IDisposable VariableScope(string name, Reuse reuse)
    {
        string full = CurrentVariableScope.Length > 0 ? CurrentVariableScope + "/" + name : name;
        // Reuse is inherited: inside a reusing scope every nested scope reuses too, as in TF1.
        Reuse effective =
            reuse.Mode == ReuseMode.Inherit ? CurrentReuse
            : CurrentReuse.Mode == ReuseMode.True ? Reuse.True
            : reuse;
        _variableScopes.Add((full, effective));
        IDisposable nameScope = NameScope(name);
        return new Scope(() =>
        {
            nameScope.Dispose();
            _variableScopes.RemoveAt(_variableScopes.Count - 1);
        });
    }

    /// <summary>
    /// A variable scope named like the current name scope, for layers: <c>tf.layers.dense</c> in name scope
    /// <c>dense_1</c> makes <c>dense_1/kernel</c>, as TF1's layers (which open a variable scope of their unique name)
    /// do.
    /// </summary>
    internal IDisposable VariableScopeAtNameScope()
    {
        _variableScopes.Add((CurrentNameScope, CurrentReuse));
        return new Scope(() => _variableScopes.RemoveAt(_variableScopes.Count - 1));
    }
}

/// <summary>How a variable scope treats existing variables: TF1's <c>reuse=False</c>, <c>True</c> or
/// <c>tf.AUTO_REUSE</c>.</summary>
public enum ReuseMode
{
    Inherit,
    False,
    True,
    AutoReuse,
}

/// <summary>The <c>reuse</c> argument of <c>tf.variable_scope</c>: a bool or <c>tf.AUTO_REUSE</c>.</summary>
public readonly record struct Reuse(ReuseMode Mode)
{
    public static readonly Reuse False = new(ReuseMode.False);
    public static readonly Reuse True = new(ReuseMode.True);
    public static readonly Reuse AutoReuse = new(ReuseMode.AutoReuse);

    public static implicit operator Reuse(bool reuse) => reuse ? True : False;
}
