using System.Globalization;
using TfLessons.Course;

namespace TfLessons.Examples;

/// <summary>What an option's value is: checked by the CLI before the lesson starts.</summary>
public enum OptionKind { Flag, Text, Int, Double, InputPath, OutputDirectory, OutputFile }

/// <summary>The values that make sense for a number (NaN and infinities never do).</summary>
public enum Bound { Any, Positive, NonNegative, Probability, Fraction }

/// <summary>One declared lesson option: its name without dashes, what it holds, its default (null: none, or computed by
/// the lesson).</summary>
public sealed record LessonOption(
    string Name,
    OptionKind Kind,
    string Description,
    string? Default = null,
    Bound Bound = Bound.Any
)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The command cannot run without this option.</summary>
    public bool Required { get; init; }

    /// <summary>The only values a text option accepts (null: any).</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    public static LessonOption Int(string name, int? fallback, string description, Bound bound = Bound.Positive) =>
        new(name, OptionKind.Int, description, fallback?.ToString(Inv), bound);

    public static LessonOption Double(
        string name,
        double? fallback,
        string description,
        Bound bound = Bound.Positive
    ) => new(name, OptionKind.Double, description, fallback?.ToString("R", Inv), bound);

    public static LessonOption Flag(string name, string description) => new(name, OptionKind.Flag, description);

    public static LessonOption Text(string name, string description, string? fallback = null) =>
        new(name, OptionKind.Text, description, fallback);

    /// <summary>A directory the lesson writes to: created and probed for writing before any training.</summary>
    public static LessonOption OutputDirectory(string name, string description) =>
        new(name, OptionKind.OutputDirectory, description);

    public static LessonOption InputPath(string name, string description) =>
        new(name, OptionKind.InputPath, description);

    /// <summary>Null when <paramref name="value"/> is acceptable, else a one-line reason that names the option and the
    /// value.</summary>
    public string? Check(string value)
    {
        switch (Kind)
        {
            case OptionKind.Int:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, Inv, out long n))
                    return $"--{Name}: '{value}' is not an integer";
                if (n is > int.MaxValue or < int.MinValue)
                    return $"--{Name}: '{value}' is out of range (at most {int.MaxValue})";
                return Bound switch
                {
                    Bound.Positive when n <= 0 => $"--{Name}: '{value}' must be a positive integer",
                    Bound.NonNegative when n < 0 => $"--{Name}: '{value}' must be zero or more",
                    _ => null,
                };
            case OptionKind.Double:
                if (!double.TryParse(value, NumberStyles.Float, Inv, out double d))
                    return $"--{Name}: '{value}' is not a number";
                if (!double.IsFinite(d))
                    return $"--{Name}: '{value}' is not a finite number";
                return Bound switch
                {
                    Bound.Positive when d <= 0 => $"--{Name}: '{value}' must be greater than 0",
                    Bound.NonNegative when d < 0 => $"--{Name}: '{value}' must be 0 or more",
                    Bound.Probability when d is <= 0 or > 1 => $"--{Name}: '{value}' must be in (0, 1]",
                    Bound.Fraction when d is < 0 or >= 1 => $"--{Name}: '{value}' must be in [0, 1)",
                    _ => null,
                };
            default:
                if (Choices is not null && !Choices.Contains(value))
                    return $"--{Name}: '{value}' is not one of {string.Join(", ", Choices)}";
                return value.Length == 0 && Kind != OptionKind.Flag ? $"--{Name}: the value is empty" : null;
        }
    }
}

/// <summary>
/// A lesson's option values as given on the command line (already checked against their declarations), read with
/// the declared defaults. Reading an option the lesson did not declare is a bug in the lesson, not bad input.
/// </summary>
public sealed class LessonOptions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Dictionary<string, LessonOption> _declared;
    private readonly IReadOnlyDictionary<string, string?> _given;

    public LessonOptions(IEnumerable<LessonOption> declared, IReadOnlyDictionary<string, string?> given)
    {
        _declared = declared.ToDictionary(o => o.Name, StringComparer.Ordinal);
        _given = given;
        foreach (var (name, value) in given)
        {
            LessonOption option = Declared(name);
            if (value is not null && option.Check(value) is string reason) throw new ArgumentException(reason);
        }
    }

    /// <summary>Called with the lesson's report when it finishes (the CLI draws --plots from it; this project cannot
    /// reference the figures library).</summary>
    public Action<TfLessons.Course.LessonReport>? OnReport { get; set; }

    public bool Flag(string name) => Declared(name).Kind == OptionKind.Flag && _given.ContainsKey(name);

    public bool IsGiven(string name) => Declared(name).Name == name && _given.ContainsKey(name);

    public string? String(string name) => _given.TryGetValue(name, out string? v) ? v : Declared(name).Default;

    public int Int(string name) =>
        IntOrNull(name) ?? throw new InvalidOperationException($"option --{name} has no default");

    public int? IntOrNull(string name) =>
        String(name) is string s ? int.Parse(s, NumberStyles.AllowLeadingSign, Inv) : null;

    public double Double(string name) =>
        DoubleOrNull(name) ?? throw new InvalidOperationException($"option --{name} has no default");

    public double? DoubleOrNull(string name) =>
        String(name) is string s ? double.Parse(s, NumberStyles.Float, Inv) : null;

    private LessonOption Declared(string name) =>
        _declared.TryGetValue(name, out LessonOption? o)
            ? o
            : throw new InvalidOperationException($"the lesson reads option --{name}, which it does not declare");
}
