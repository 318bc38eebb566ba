using System.Diagnostics;
using System.Text.Json;

namespace TfLessons.Tests.NumPy;

/// <summary>Runs Reference/numpy_semantics.py once with Debian's NumPy and holds its answers by case name.</summary>
internal static class NumPyReference
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<Dictionary<string, JsonElement>?> Results = new(Run);

    /// <summary>Why the live comparison cannot run here, or null when it can.</summary>
    public static string? Unavailable =>
        !File.Exists(Python) ? "Debian's /usr/bin/python3 is not installed"
        : !Directory.Exists("/usr/lib/python3/dist-packages/numpy")
            ? "python3-numpy is not installed (apt-get install python3-numpy)"
        : null;

    public static JsonElement Case(string name)
    {
        var all = Results.Value ?? throw new InvalidOperationException("numpy_semantics.py produced no output");
        return all.TryGetValue(name, out var e)
            ? e
            : throw new KeyNotFoundException($"numpy_semantics.py has no case '{name}'");
    }

    private static Dictionary<string, JsonElement>? Run()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Reference", "numpy_semantics.py");
        if (!File.Exists(script))
            script = Path.Combine(FindRepoRoot(), "tests", "TfLessons.Core.Tests", "Reference", "numpy_semantics.py");
        var psi = new ProcessStartInfo(Python, [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{script} exited with {p.ExitCode}: {stderr.Result}");
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stdout);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TfLessons.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("cannot find TfLessons.sln above the test binaries");
    }
}

/// <summary>A theory comparing with live NumPy; skipped (not passed) where Debian's NumPy is missing.</summary>
public sealed class NumPyTheoryAttribute : TheoryAttribute
{
    public NumPyTheoryAttribute()
    {
        if (NumPyReference.Unavailable is { } why) Skip = why;
    }
}

/// <summary>A fact needing Debian's NumPy; skipped (not passed) where it is missing.</summary>
public sealed class NumPyFactAttribute : FactAttribute
{
    public NumPyFactAttribute()
    {
        if (NumPyReference.Unavailable is { } why) Skip = why;
    }
}
