namespace TfLessons.IO;

/// <summary>
/// Locates the repository's <c>shared/data</c> folder (data sets are not copied into the projects): searches
/// upward from <see cref="AppContext.BaseDirectory"/> (then the current directory) for a directory that contains
/// <c>shared/data</c>. The environment variable <c>TFLESSONS_SHARED_DATA</c> overrides the search.
/// </summary>
public static class SharedData
{
    public const string EnvironmentVariable = "TFLESSONS_SHARED_DATA";

    /// <summary>The <c>shared/data</c> directory, or null if none is found.</summary>
    public static string? TryFindRoot()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env) && Directory.Exists(env))
        {
            return System.IO.Path.GetFullPath(env);
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The <c>shared/data</c> directory; throws a clear error if it cannot be found.</summary>
    public static string Root =>
        TryFindRoot()
        ?? throw new DirectoryNotFoundException(
            $"No 'shared/data' directory found above '{AppContext.BaseDirectory}' "
                + $"or '{Directory.GetCurrentDirectory()}'. "
                + $"Run from inside the repository checkout (with shared/ beside it) or set {EnvironmentVariable}."
        );

    /// <summary>A path under <c>shared/data</c>, e.g. <c>SharedData.Path("tf-fixtures", "README.md")</c>.</summary>
    public static string Path(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return System.IO.Path.Combine([Root, .. parts]);
    }

    /// <summary>A path under <c>shared/data/tf-fixtures</c> (real TensorFlow checkpoints and event files).</summary>
    public static string Fixture(params string[] parts) => Path(["tf-fixtures", .. parts]);
}
