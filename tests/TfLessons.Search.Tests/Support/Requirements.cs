using Xunit;

namespace TfLessons.Search.Tests;

/// <summary>
/// Detects the external tools some tests need. Missing tools skip those tests, unless
/// TFL_SEARCH_REQUIRE_ALL=1 (set it in CI) turns every skip into a run that fails loudly.
/// </summary>
internal static class Requirements
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("TFL_SEARCH_REQUIRE_ALL") == "1";

    public const string Python = "/usr/bin/python3";

    public static bool HasOptuna => File.Exists(Python) && Directory.Exists("/usr/lib/python3/dist-packages/optuna");

    public static bool HasPsycopg2 => HasOptuna && Directory.Exists("/usr/lib/python3/dist-packages/psycopg2");

    public static string? Chromium =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static bool CanStartPostgres =>
        Directory.Exists("/usr/lib/postgresql")
        && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "initdb")))
        && Environment.UserName is "root" or "postgres";

    public static bool HasPostgres =>
        Environment.GetEnvironmentVariable("TFL_SEARCH_PG_URL") is { Length: > 0 } || CanStartPostgres;
}

/// <summary>A test needing Debian's python3-optuna.</summary>
public sealed class OptunaFactAttribute : FactAttribute
{
    /// <summary>Skips when Optuna is missing.</summary>
    public OptunaFactAttribute()
    {
        if (!Requirements.HasOptuna && !Requirements.RequireAll)
        {
            Skip = "python3-optuna not installed (apt-get install python3-optuna)";
        }
    }
}

/// <summary>A test needing PostgreSQL (TFL_SEARCH_PG_URL, or a local install it can start).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Skips when PostgreSQL is unavailable.</summary>
    public PostgresFactAttribute()
    {
        if (!Requirements.HasPostgres && !Requirements.RequireAll)
        {
            Skip = "PostgreSQL unavailable (set TFL_SEARCH_PG_URL or install postgresql and run as root)";
        }
    }
}

/// <summary>A test needing a private PostgreSQL cluster it can restart (root + postgresql installed).</summary>
public sealed class PostgresClusterFactAttribute : FactAttribute
{
    /// <summary>Skips when a private cluster cannot be started.</summary>
    public PostgresClusterFactAttribute()
    {
        if (!Requirements.CanStartPostgres && !Requirements.RequireAll)
        {
            Skip = "cannot start a private PostgreSQL cluster (needs postgresql installed and root)";
        }
    }
}

/// <summary>A test needing Debian's chromium.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Skips when Chromium is missing.</summary>
    public ChromiumFactAttribute()
    {
        if (Requirements.Chromium is null && !Requirements.RequireAll)
        {
            Skip = "chromium not installed (apt-get install chromium)";
        }
    }
}

/// <summary>A test that builds network namespaces (root, iproute2) and runs its own PostgreSQL cluster in
/// one.</summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    /// <summary>Skips when namespaces or a private cluster cannot be made.</summary>
    public NetnsFactAttribute()
    {
        if (
            !(Requirements.CanStartPostgres && Environment.UserName == "root" && File.Exists("/usr/sbin/ip"))
            && !Requirements.RequireAll
        )
        {
            Skip = "needs root, iproute2 and postgresql to build network namespaces with a private cluster";
        }
    }
}
