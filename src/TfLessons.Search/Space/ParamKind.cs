namespace TfLessons.Search;

/// <summary>How a hyperparameter is sampled.</summary>
public enum ParamKind
{
    /// <summary>Float drawn uniformly from [low, high] (e.g. dropout).</summary>
    Uniform,

    /// <summary>Integer drawn uniformly from low, low+step, ..., high (bounds inclusive).</summary>
    Int,

    /// <summary>Float whose log10 is uniform in [log10 low, log10 high] (e.g. learning rate).</summary>
    Log,

    /// <summary>
    /// Float near 1 sampled as 1 - 10^u so that 1 - value is log-uniform (e.g. momentum beta in
    /// [0.9, 0.999]: 0.9..0.99 is as likely as 0.99..0.999, as the course recommends).
    /// </summary>
    OneMinusLog,

    /// <summary>One of a list of strings, each equally likely.</summary>
    Categorical,

    /// <summary>A power of two in [low, high], each exponent equally likely (e.g. mini-batch size).</summary>
    Pow2,
}

/// <summary>Raised for an invalid search-space declaration; names the offending parameter.</summary>
public sealed class SearchSpaceException : ArgumentException
{
    /// <summary>Creates the exception for parameter <paramref name="parameter"/>.</summary>
    public SearchSpaceException(string parameter, string problem)
        : base($"search space parameter '{parameter}': {problem}")
    {
        Parameter = parameter;
    }

    /// <summary>The parameter whose declaration is wrong.</summary>
    public string Parameter { get; }
}
