using System.Globalization;

namespace TfLessons.Search;

/// <summary>
/// One hyperparameter declaration. Besides its own value, every parameter has a "coordinate":
/// the transformed axis on which it is sampled uniformly (log10 for <see cref="ParamKind.Log"/>,
/// log10(1 - beta) for <see cref="ParamKind.OneMinusLog"/>, log2 for <see cref="ParamKind.Pow2"/>,
/// the index for categoricals). Coarse-to-fine boxes and report axes live on that axis.
/// </summary>
public sealed record ParamSpec
{
    private ParamSpec(string name, ParamKind kind, double low, double high, long step, IReadOnlyList<string> choices)
    {
        Name = name;
        Kind = kind;
        Low = low;
        High = high;
        Step = step;
        Choices = choices;
    }

    /// <summary>Parameter name as passed to the objective and stored in trial_params.</summary>
    public string Name { get; }

    /// <summary>Sampling kind.</summary>
    public ParamKind Kind { get; }

    /// <summary>Lower bound (inclusive); for Int/Pow2 an integer.</summary>
    public double Low { get; }

    /// <summary>Upper bound (inclusive). For Int it is snapped down onto the step grid, as Optuna does.</summary>
    public double High { get; }

    /// <summary>Integer step for <see cref="ParamKind.Int"/>; 1 otherwise.</summary>
    public long Step { get; }

    /// <summary>Choices of a categorical parameter.</summary>
    public IReadOnlyList<string> Choices { get; }

    /// <summary>Creates and validates a parameter; throws <see cref="SearchSpaceException"/> naming it.</summary>
    public static ParamSpec Create(
        string name,
        ParamKind kind,
        double low = 0,
        double high = 0,
        long step = 1,
        IReadOnlyList<string>? choices = null
    )
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('=') || name.Trim() != name)
        {
            throw new SearchSpaceException(
                name ?? "",
                "parameter names must be non-empty, without '=' or surrounding spaces"
            );
        }
        void Fail(string problem) => throw new SearchSpaceException(name, problem);
        if (kind != ParamKind.Categorical)
        {
            if (!double.IsFinite(low) || !double.IsFinite(high))
            {
                Fail($"bounds must be finite numbers (low={F(low)}, high={F(high)})");
            }
            if (low > high)
            {
                Fail($"low must not exceed high (low={F(low)}, high={F(high)})");
            }
        }
        switch (kind)
        {
            case ParamKind.Log when low <= 0:
                Fail($"a log range needs positive bounds (low={F(low)}, high={F(high)})");
                break;
            case ParamKind.OneMinusLog when low <= 0 || high >= 1:
                Fail($"oneminuslog bounds must lie strictly inside (0, 1) (low={F(low)}, high={F(high)})");
                break;
            case ParamKind.Int:
                if (low != Math.Floor(low) || high != Math.Floor(high))
                {
                    Fail($"int bounds must be integers (low={F(low)}, high={F(high)})");
                }
                if (step < 1)
                {
                    Fail($"int step must be a positive integer (step={step})");
                }
                // Like Optuna's IntDistribution: high is snapped onto the grid low + k*step.
                high = low + Math.Floor((high - low) / step) * step;
                break;
            case ParamKind.Pow2:
                if (low < 1 || low != Math.Floor(low) || high != Math.Floor(high))
                {
                    Fail($"pow2 bounds must be integers >= 1 (low={F(low)}, high={F(high)})");
                }
                if (Math.Ceiling(Math.Log2(low) - 1e-12) > Math.Floor(Math.Log2(high) + 1e-12))
                {
                    Fail($"no power of two lies in [{F(low)}, {F(high)}]");
                }
                break;
            case ParamKind.Categorical:
                if (choices is null || choices.Count == 0)
                {
                    Fail("a categorical parameter needs at least one choice");
                }
                if (choices!.Any(string.IsNullOrEmpty))
                {
                    Fail("categorical choices must be non-empty strings");
                }
                if (choices!.Distinct().Count() != choices!.Count)
                {
                    Fail("categorical choices must be distinct");
                }
                break;
        }
        return new ParamSpec(name, kind, low, high, kind == ParamKind.Int ? step : 1, choices?.ToArray() ?? []);
    }

    /// <summary>Smallest coordinate (see the type remarks).</summary>
    public double CoordLow => Kind switch
    {
        ParamKind.Log => Math.Log10(Low),
        ParamKind.OneMinusLog => Math.Log10(1 - High),
        ParamKind.Pow2 => Math.Ceiling(Math.Log2(Low) - 1e-12),
        ParamKind.Categorical => 0,
        _ => Low,
    };

    /// <summary>Largest coordinate (see the type remarks).</summary>
    public double CoordHigh => Kind switch
    {
        ParamKind.Log => Math.Log10(High),
        ParamKind.OneMinusLog => Math.Log10(1 - Low),
        ParamKind.Pow2 => Math.Floor(Math.Log2(High) + 1e-12),
        ParamKind.Categorical => Choices.Count - 1,
        _ => High,
    };

    /// <summary>Whether plots should use a logarithmic axis for this parameter.</summary>
    public bool IsLogScale => Kind is ParamKind.Log or ParamKind.OneMinusLog or ParamKind.Pow2;

    /// <summary>Maps an internal value (Optuna's representation) to the sampling coordinate.</summary>
    public double ToCoord(double internalValue) => Kind switch
    {
        ParamKind.Log => Math.Log10(internalValue),
        ParamKind.OneMinusLog => Math.Log10(1 - internalValue),
        ParamKind.Pow2 => Math.Log2(internalValue),
        _ => internalValue,
    };

    /// <summary>
    /// Maps a coordinate back to a valid internal value: clamped into the range and snapped onto
    /// the integer/step/power-of-two/index grid where the kind has one.
    /// </summary>
    public double FromCoord(double coord)
    {
        var c = Math.Clamp(coord, CoordLow, CoordHigh);
        switch (Kind)
        {
            case ParamKind.Log:
                return Math.Clamp(Math.Pow(10, c), Low, High);
            case ParamKind.OneMinusLog:
                return Math.Clamp(1 - Math.Pow(10, c), Low, High);
            case ParamKind.Pow2:
                return Math.Pow(2, Math.Round(c));
            case ParamKind.Int:
                return Math.Clamp(Low + Math.Round((c - Low) / Step) * Step, Low, High);
            case ParamKind.Categorical:
                return Math.Round(c);
            default:
                return Math.Clamp(c, Low, High);
        }
    }

    /// <summary>The Optuna distribution this parameter is stored with (see NOTES.md for OneMinusLog/Pow2).</summary>
    public Distribution ToDistribution() => Kind switch
    {
        ParamKind.Uniform => Distribution.Float(Low, High),
        ParamKind.Log => Distribution.Float(Low, High, log: true),
        // Stored over beta itself (not log) so Optuna accepts and displays the real value; our
        // kind survives in the study's "tfl:space" system attribute.
        ParamKind.OneMinusLog => Distribution.Float(Low, High),
        ParamKind.Int => Distribution.Int((long)Low, (long)High, step: Step),
        ParamKind.Pow2 => Distribution.Int((long)Low, (long)High, log: true),
        _ => Distribution.Categorical(Choices),
    };

    /// <summary>
    /// Best-effort spec for a parameter we only know from its stored distribution (e.g. one a
    /// Python worker suggested); used by reports.
    /// </summary>
    public static ParamSpec FromDistribution(string name, Distribution d) =>
        d.Type switch
        {
            DistributionType.Float => new ParamSpec(
                name,
                d.Log ? ParamKind.Log : ParamKind.Uniform,
                d.Low,
                d.High,
                1,
                []
            ),
            DistributionType.Int => new ParamSpec(
                name,
                d.Log ? ParamKind.Log : ParamKind.Int,
                d.Low,
                d.High,
                (long)(d.Step ?? 1),
                []
            ),
            _ => new ParamSpec(
                name,
                ParamKind.Categorical,
                0,
                0,
                1,
                Enumerable.Range(0, d.Choices.Count).Select(i => d.ChoiceText(i) ?? "None").ToArray()
            ),
        };

    /// <summary>The value the objective sees: double, int, or the choice string.</summary>
    public object ToExternal(double internalValue) => Kind switch
    {
        ParamKind.Int or ParamKind.Pow2 => (int)Math.Round(internalValue),
        ParamKind.Categorical => Choices[(int)internalValue],
        _ => internalValue,
    };

    /// <summary>Formats a value for tables and plots.</summary>
    public string Format(double internalValue) => ToExternal(internalValue) switch
    {
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        var o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The command-line form, e.g. "lr=log:0.0001:1".</summary>
    public override string ToString() => Kind switch
    {
        ParamKind.Categorical => $"{Name}=cat:{string.Join(',', Choices)}",
        ParamKind.Int when Step != 1 => $"{Name}=int:{F(Low)}:{F(High)}:{Step}",
        _ => $"{Name}={KindName(Kind)}:{F(Low)}:{F(High)}",
    };

    /// <summary>The kind's name in the command-line syntax.</summary>
    public static string KindName(ParamKind kind) => kind switch
    {
        ParamKind.Uniform => "uniform",
        ParamKind.Int => "int",
        ParamKind.Log => "log",
        ParamKind.OneMinusLog => "oneminuslog",
        ParamKind.Categorical => "cat",
        _ => "pow2",
    };

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
