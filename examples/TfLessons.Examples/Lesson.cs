namespace TfLessons.Examples;

/// <summary>A course lesson that <c>tfl lesson run NAME</c> can run.</summary>
public interface ILesson
{
    string Name { get; }

    /// <summary>One line for <c>tfl lesson list</c>.</summary>
    string Description { get; }

    /// <summary>Runs the lesson with its options (<c>--name value</c> pairs), printing as the course does.</summary>
    int Run(LessonOptions options, TextWriter output);
}

/// <summary>The lessons, in course order.</summary>
public static class LessonCatalog
{
    public static IReadOnlyList<ILesson> All { get; } =
    [
        new W5Lesson(),
        new InitializationLesson(),
        new RegularizationLesson(),
        new GradientCheckingLesson(),
        new OptimizationLesson(),
        new TfTutorialLesson(),
        new BatchNormLesson(),
        new FashionMnistLesson(),
        new TuningLesson(),
    ];

    public static ILesson? Find(string name) => All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Parsed <c>--key value</c> options with typed getters that name the option on bad input.</summary>
public sealed class LessonOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = [];

    public LessonOptions(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(a);
                continue;
            }
            string key = a[2..];
            string? value = null;
            int eq = key.IndexOf('=');
            if (eq >= 0) { value = key[(eq + 1)..]; key = key[..eq]; }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) value = list[++i];
            _values[key] = value;
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out string? v) ? v : null;
    }

    public double Double(string name, double fallback)
    {
        string? v = String(name);
        if (v is null) return fallback;
        return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d)
            ? d : throw new ArgumentException($"--{name}: '{v}' is not a number");
    }

    public int Int(string name, int fallback)
    {
        string? v = String(name);
        if (v is null) return fallback;
        return int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"--{name}: '{v}' is not an integer");
    }

    /// <summary>Options given but never read by the lesson: reported so typos do not pass silently.</summary>
    public IEnumerable<string> Unused() => _values.Keys.Where(k => !_read.Contains(k));
}
